package dev.kiln.aws.internal;

import dev.kiln.core.builder.Cleanup;
import dev.kiln.ssh.SshKeyPair;
import dev.kiln.ssh.SshKeys;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Uses the existing key pair, or generates an ed25519 key in memory and imports its public half as a
 * temporary, tagged key pair that the cleanup deletes.
 */
final class CreateKeyPair implements Step {
    @Override
    public String name() {
        return "key pair";
    }

    @Override
    public void run(EbsState s) {
        if (!s.config.keyPair().isTemporary()) {
            s.keyName = s.config.keyPair().existingName();
            s.privateKey = s.config.keyPair().privateKey();
            s.context.say("Using existing SSH key pair " + s.keyName);
            return;
        }
        String keyName = "kiln_" + UUID.randomUUID();
        Cleanup cleanup = s.context.onCleanup("Deleting temporary keypair " + keyName, () -> {
            if (s.keyName != null) {
                s.context.say("Deleting temporary keypair...");
                s.ec2().deleteKeyPair(r -> r.keyName(keyName));
            }
        });
        s.context.say("Creating temporary keypair: " + keyName);
        SshKeyPair key = SshKeys.generate();
        s.context.redact(key.privateKey());
        s.ec2().importKeyPair(r -> r.keyName(keyName)
                .publicKeyMaterial(SdkBytes.fromString(key.publicKeyLine(), StandardCharsets.UTF_8))
                .tagSpecifications(KilnTags.spec(ResourceType.KEY_PAIR, KilnTags.temporary(s.context))));
        s.keyName = keyName;
        s.privateKey = key.privateKey();
        s.track(cleanup, "key-pair", keyName, s.region());
    }
}
