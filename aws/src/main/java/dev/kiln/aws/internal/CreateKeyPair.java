package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbsException;
import dev.kiln.aws.KeyPairType;
import dev.kiln.core.builder.Cleanup;
import dev.kiln.core.builder.Resource;
import dev.kiln.ssh.SshKeyPair;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Uses the existing key pair, or generates a key in memory ({@link KeyPairType}, RSA by default) and imports its
 * public half as a temporary, tagged key pair that the cleanup deletes.
 *
 * <p>Cut off: the name {@code kiln_<uuid>} is chosen before ImportKeyPair is sent. The undo waits for a call in
 * flight to end, then deletes the key pair by that name, which EC2 accepts also when the import never happened.
 * A retry after a lost answer meets {@code InvalidKeyPair.Duplicate}: no one else uses the name, so that key
 * pair is this build's, and the build goes on.
 */
final class CreateKeyPair implements Step {
    @Override
    public String name() {
        return "key pair";
    }

    @Override
    public void run(EbsState s) throws Exception {
        if (!s.config.keyPair().isTemporary()) {
            s.keyName = s.config.keyPair().existingName();
            s.privateKey = s.config.keyPair().privateKey();
            s.context.say("Using existing SSH key pair " + s.keyName);
            return;
        }
        String keyName = "kiln_" + UUID.randomUUID();
        KeyPairType type = s.config.temporaryKeyPairType();
        SshKeyPair key = s.temporaryKey.get();
        s.context.redact(key.privateKey());
        CreateCall<String> importing = CreateCall.of(() -> importKey(s, keyName, key, type));
        Cleanup undo = s.onCleanup("Deleting temporary keypair " + keyName, self -> {
            if (importing.sent()) {
                importing.settled();
                s.context.say("Deleting temporary keypair...");
                if (s.keyName == null) {
                    self.track(new Resource("key-pair", keyName, s.region()));
                }
                s.ec2().deleteKeyPair(r -> r.keyName(keyName));
            }
        });
        s.context.say("Creating temporary keypair: " + keyName);
        s.context.detail("Key type: " + type.name().toLowerCase());
        importing.send().answer();
        s.keyName = keyName;
        s.privateKey = key.privateKey();
        s.track(undo, "key-pair", keyName, s.region());
    }

    /** Imports the key (tagging it afterwards where the endpoint refused creation-time tags); returns its name. */
    private static String importKey(EbsState s, String keyName, SshKeyPair key, KeyPairType type) throws Exception {
        String keyPairId;
        try {
            keyPairId = s.creation.call("ImportKeyPair", List.of(KilnTags.spec(ResourceType.KEY_PAIR, KilnTags.temporary(s.context))),
                    specs -> s.ec2().importKeyPair(r -> r.keyName(keyName)
                            .publicKeyMaterial(SdkBytes.fromString(key.publicKeyLine(), StandardCharsets.UTF_8))
                            .tagSpecifications(specs).overrideConfiguration(s.creation.retries()))).keyPairId();
        } catch (AwsServiceException e) {
            if (AwsErrors.is(e, "InvalidKeyPair.Duplicate")) {
                keyPairId = null;
            } else if (AwsErrors.is(e, "InvalidKeyPair.Format") && type == KeyPairType.ED25519) {
                throw new AmazonEbsException("key pair", List.of(), AwsErrors.code(e), e.requestId(),
                        "the EC2 endpoint refused the ed25519 key (" + AwsErrors.message(e) + "); set"
                                + " temporaryKeyPairType(KeyPairType.RSA), which every EC2 endpoint accepts", e);
            } else {
                throw e;
            }
        }
        if (!s.creation.tagsAtCreation()) {
            String id = keyPairId != null ? keyPairId
                    : s.ec2().describeKeyPairs(r -> r.keyNames(keyName)).keyPairs().get(0).keyPairId();
            s.creation.tagAfterCreation(s.ec2(), List.of(id), KilnTags.temporary(s.context));
        }
        return keyName;
    }
}
