package dev.kiln.ssh;

/**
 * The kind of key pair {@link SshKeys#generate(SshKeyType)} creates.
 *
 * <pre>{@code
 * SshKeyPair rsa = SshKeys.generate(SshKeyType.RSA_3072);
 * }</pre>
 */
public enum SshKeyType {
    /** Ed25519: small, fast, the default. */
    ED25519,
    /** RSA with a 3072-bit modulus, for systems that do not accept Ed25519; signs with rsa-sha2-256/512. */
    RSA_3072
}
