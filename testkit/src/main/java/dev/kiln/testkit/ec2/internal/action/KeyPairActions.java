package dev.kiln.testkit.ec2.internal.action;

import dev.kiln.testkit.ec2.internal.ActionContext;
import dev.kiln.testkit.ec2.internal.ActionDispatcher;
import dev.kiln.testkit.ec2.internal.Ec2Error;
import dev.kiln.testkit.ec2.internal.Filter;
import dev.kiln.testkit.ec2.internal.Ids;
import dev.kiln.testkit.ec2.internal.Params;
import dev.kiln.testkit.ec2.internal.TagSpecifications;
import dev.kiln.testkit.ec2.internal.keys.KeyMaterial;
import dev.kiln.testkit.ec2.internal.state.KeyPair;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPair. */
public final class KeyPairActions {
    private static final Logger log = LoggerFactory.getLogger(KeyPairActions.class);
    private static final Set<String> TAGGABLE = Set.of("key-pair");

    private KeyPairActions() {
    }

    public static void register(ActionDispatcher dispatcher) {
        dispatcher.register("CreateKeyPair", KeyPairActions::createKeyPair)
                .register("ImportKeyPair", KeyPairActions::importKeyPair)
                .register("DescribeKeyPairs", KeyPairActions::describeKeyPairs)
                .register("DeleteKeyPair", KeyPairActions::deleteKeyPair);
    }

    static void createKeyPair(ActionContext ctx) {
        String name = newName(ctx);
        String type = ctx.params.string("KeyType", "rsa");
        if (!type.equals("rsa") && !type.equals("ed25519")) {
            throw Ec2Error.invalidValue("Value (" + type + ") for parameter KeyType is invalid. Use rsa or ed25519.");
        }
        if (!ctx.params.string("KeyFormat", "pem").equals("pem")) {
            throw Ec2Error.invalidValue("LocalEc2 supports KeyFormat pem only.");
        }
        KeyMaterial.NewKey key = KeyMaterial.generate(type);
        KeyPair pair = store(ctx, name, key.type(), key.fingerprint(), key.publicKeyLine());
        ctx.out.value("keyName", name).value("keyFingerprint", pair.fingerprint).value("keyMaterial", key.privateKey())
                .value("keyPairId", pair.id).tags(pair.tags);
    }

    static void importKeyPair(ActionContext ctx) {
        String name = newName(ctx);
        String material = ctx.params.required("PublicKeyMaterial");
        KeyMaterial.PublicKey key;
        try {
            key = KeyMaterial.readPublic(decodeMaterial(material));
        } catch (IllegalArgumentException e) {
            // EC2 says no more than this; why is in LocalEc2's log
            log.info("LocalEc2 refuses to import key pair {}: {}", name, e.getMessage());
            throw invalidFormat();
        }
        if (key.type().equals("ed25519") && ctx.cloud.faults().refusesEd25519Keys()) {
            throw new Ec2Error("InvalidKeyPair.Format", "Key is not in valid OpenSSH public key format");
        }
        KeyPair pair = store(ctx, name, key.type(), key.fingerprint(), key.publicKeyLine());
        ctx.out.value("keyName", name).value("keyFingerprint", pair.fingerprint).value("keyPairId", pair.id).tags(pair.tags);
    }

    /** SDKs send the public key line base64-encoded; a plain line is accepted too. */
    private static String decodeMaterial(String material) {
        if (material.startsWith("ssh-")) {
            return material;
        }
        try {
            return new String(Base64.getMimeDecoder().decode(material), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidFormat();
        }
    }

    /** EC2's answer to a key it does not import: a DSA or ECDSA key, an RSA key of another size, or no key. */
    private static Ec2Error invalidFormat() {
        return new Ec2Error("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
    }

    private static String newName(ActionContext ctx) {
        String name = ctx.params.required("KeyName");
        if (ctx.region.keyPairNamed(name).isPresent()) {
            throw new Ec2Error("InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
        }
        if (name.length() > 255) {
            throw Ec2Error.invalidValue("The key pair name may be at most 255 characters long.");
        }
        return name;
    }

    private static KeyPair store(ActionContext ctx, String name, String type, String fingerprint, String publicKey) {
        KeyPair pair = new KeyPair(Ids.next("key"), name, type, fingerprint, publicKey);
        pair.tags.putAll(TagSpecifications.tagsFor(ctx.params, "key-pair", TAGGABLE));
        ctx.region.keyPairs.put(pair.id, pair);
        ctx.created(pair.id);
        return pair;
    }

    static void describeKeyPairs(ActionContext ctx) {
        Params p = ctx.params;
        List<KeyPair> found = new ArrayList<>();
        for (String name : p.list("KeyName")) {
            found.add(ctx.region.keyPairNamed(name)
                    .orElseThrow(() -> Ec2Error.notFound("InvalidKeyPair.NotFound", "key pair", name)));
        }
        for (String id : p.list("KeyPairId")) {
            KeyPair pair = ctx.region.keyPairs.get(id);
            if (pair == null) {
                throw Ec2Error.notFound("InvalidKeyPair.NotFound", "key pair", id);
            }
            found.add(pair);
        }
        if (p.list("KeyName").isEmpty() && p.list("KeyPairId").isEmpty()) {
            found.addAll(ctx.region.keyPairs.values());
        }
        List<Filter> filters = Filter.from(p);
        boolean includePublicKey = p.bool("IncludePublicKey", false);
        ctx.out.items("keySet", found.stream().distinct().filter(k -> k.matches(filters)).toList(), (w, k) -> w
                .value("keyPairId", k.id).value("keyName", k.name).value("keyFingerprint", k.fingerprint)
                .value("keyType", k.type).value("publicKey", includePublicKey ? k.publicKey : null)
                .time("createTime", k.createTime).tags(k.tags));
    }

    /** Deleting a key pair that isn't there succeeds, as on EC2. */
    static void deleteKeyPair(ActionContext ctx) {
        String name = ctx.params.string("KeyName");
        String id = ctx.params.string("KeyPairId");
        if (name == null && id == null) {
            ctx.params.required("KeyName");
        }
        KeyPair pair = id != null ? ctx.region.keyPairs.get(id) : ctx.region.keyPairNamed(name).orElse(null);
        if (pair != null) {
            ctx.region.keyPairs.remove(pair.id);
        }
        ctx.out.value("return", true).value("keyPairId", pair == null ? null : pair.id);
    }
}
