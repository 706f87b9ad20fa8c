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
    /**
     * RSA with a 2048-bit modulus, the size EC2's {@code CreateKeyPair} makes for Packer 1.6's temporary key pairs.
     * A temporary key lives for one build, so 2048 bits is ample, and it is made in about 0.2 s where a 4096-bit
     * key takes one to three seconds. The build signs with rsa-sha2-256/512, never SHA-1.
     */
    RSA(SshKeyType.RSA_2048),
    /** RSA with a 4096-bit modulus, for policies that require it; it costs the first build of a JVM a second or two. */
    RSA_4096(SshKeyType.RSA_4096),
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
