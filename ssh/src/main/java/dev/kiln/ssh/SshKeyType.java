package dev.kiln.ssh;

/**
 * The kind of key pair {@link SshKeys#generate(SshKeyType)} creates.
 *
 * <pre>{@code
 * SshKeyPair rsa = SshKeys.generate(SshKeyType.RSA_4096);
 * }</pre>
 */
public enum SshKeyType {
    /** Ed25519: small, fast to make, the default. */
    ED25519,
    /**
     * RSA with a 2048-bit modulus, the size EC2's own {@code CreateKeyPair} makes, for systems that do not accept
     * Ed25519. Logins sign with rsa-sha2-512 or rsa-sha2-256, never with SHA-1 ({@code ssh-rsa}), so the server
     * needs OpenSSH 7.2 or later. Making one takes about 0.2 s.
     */
    RSA_2048,
    /**
     * RSA with a 4096-bit modulus, signing as {@link #RSA_2048} does. Making one takes about a second, sometimes a
     * few (the search for primes varies).
     */
    RSA_4096
}
