package dev.kiln.ssh;

import dev.kiln.core.Secret;
import java.util.Objects;

/**
 * A key pair held in memory: the OpenSSH public-key line to install on a machine (for example with EC2
 * ImportKeyPair) and the private key to log in with. The private key is never written to disk.
 *
 * <pre>{@code
 * SshKeyPair keys = SshKeys.generate();
 * ec2.importKeyPair(r -> r.keyName("kiln-tmp").publicKeyMaterial(SdkBytes.fromUtf8String(keys.publicKeyLine())));
 * SshTarget target = SshTarget.builder().host(ip).user("ec2-user").privateKey(keys.privateKey()).build();
 * }</pre>
 */
public final class SshKeyPair {
    private final SshKeyType type;
    private final String publicKeyLine;
    private final Secret privateKey;
    private final String fingerprint;

    SshKeyPair(SshKeyType type, String publicKeyLine, Secret privateKey, String fingerprint) {
        this.type = Objects.requireNonNull(type, "type");
        this.publicKeyLine = Objects.requireNonNull(publicKeyLine, "publicKeyLine");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The key type. */
    public SshKeyType type() {
        return type;
    }

    /** The OpenSSH public-key line, e.g. {@code ssh-ed25519 AAAA... kiln}, without a line break. */
    public String publicKeyLine() {
        return publicKeyLine;
    }

    /** The private key as OpenSSH private key text (unencrypted, held only in memory). */
    public Secret privateKey() {
        return privateKey;
    }

    /** The public key's SHA-256 fingerprint as OpenSSH prints it: {@code SHA256:<base64>}. */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "SshKeyPair[" + type + ", " + fingerprint + "]";
    }
}
