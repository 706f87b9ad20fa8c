package dev.kiln.aws;

import dev.kiln.ssh.SshKeyType;

/**
 * The kind of temporary key pair a build generates in memory and imports (Packer's
 * {@code temporary_key_pair_type}). RSA is the default because every image and EC2-compatible endpoint accepts
 * it; ed25519 is smaller and faster but EC2 refuses it for Windows images, OpenSSH before 6.5 can't use it, and
 * some EC2-compatible endpoints reject it with {@code InvalidKeyPair.Format}.
 *
 * <pre>{@code
 * AmazonEbs.builder().temporaryKeyPairType(KeyPairType.ED25519)
 * }</pre>
 */
public enum KeyPairType {
    /** RSA with a 4096-bit modulus, as current Packer; the build signs with rsa-sha2-256/512, never SHA-1. */
    RSA(SshKeyType.RSA_4096),
    /** Ed25519. */
    ED25519(SshKeyType.ED25519);

    private final SshKeyType sshKeyType;

    KeyPairType(SshKeyType sshKeyType) {
        this.sshKeyType = sshKeyType;
    }

    /** The SSH key type generated for it. */
    public SshKeyType sshKeyType() {
        return sshKeyType;
    }
}
