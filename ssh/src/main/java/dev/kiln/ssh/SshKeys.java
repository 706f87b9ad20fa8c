package dev.kiln.ssh;

import dev.kiln.core.Secret;
import dev.kiln.ssh.internal.KeyGenerator;
import java.util.Objects;

/**
 * Generates temporary key pairs in memory, for machines that get their login key at launch (EC2
 * ImportKeyPair). The private key is never written to disk.
 *
 * <pre>{@code
 * SshKeyPair keys = SshKeys.generate();                    // Ed25519
 * SshKeyPair rsa = SshKeys.generate(SshKeyType.RSA_4096);
 * }</pre>
 */
public final class SshKeys {
    private SshKeys() {
    }

    /** Generates an Ed25519 key pair. */
    public static SshKeyPair generate() {
        return generate(SshKeyType.ED25519);
    }

    /** Generates a key pair of the given type. */
    public static SshKeyPair generate(SshKeyType type) {
        Objects.requireNonNull(type, "type");
        KeyGenerator.Generated g = KeyGenerator.generate(type, "kiln");
        return new SshKeyPair(type, g.publicKeyLine(), Secret.of(g.privateKeyText()), g.fingerprint());
    }
}
