package dev.kiln.testkit.ec2.internal.state;

import java.time.Instant;
import java.util.List;

/** A key pair: its public half (the private half is handed out once, by CreateKeyPair). */
public final class KeyPair extends Ec2Resource {
    public final String name;
    public final String type;
    public final String fingerprint;
    public final String publicKey;
    public final Instant createTime = Instant.now();

    public KeyPair(String id, String name, String type, String fingerprint, String publicKey) {
        super(id);
        this.name = name;
        this.type = type;
        this.fingerprint = fingerprint;
        this.publicKey = publicKey;
    }

    @Override
    public String resourceType() {
        return "key-pair";
    }

    @Override
    protected List<String> attribute(String filterName) {
        return switch (filterName) {
            case "key-name" -> List.of(name);
            case "key-pair-id" -> List.of(id);
            case "fingerprint" -> List.of(fingerprint);
            case "key-type" -> List.of(type);
            default -> null;
        };
    }
}
