package dev.kiln.aws;

import dev.kiln.core.Secret;
import java.util.Objects;

/**
 * The key pair the source instance is launched with: a temporary one (an ed25519 key generated in memory,
 * imported, tagged, and deleted after the build), or an existing EC2 key pair plus its private key.
 *
 * <pre>{@code
 * KeyPairConfig.temporary()
 * KeyPairConfig.existing("build-key", Secret.of(Files.readString(keyFile)))
 * }</pre>
 */
public final class KeyPairConfig {
    private static final KeyPairConfig TEMPORARY = new KeyPairConfig(null, null);
    private final String existingName;
    private final Secret privateKey;

    private KeyPairConfig(String existingName, Secret privateKey) {
        this.existingName = existingName;
        this.privateKey = privateKey;
    }

    /** A temporary key pair made for this build only (the default). */
    public static KeyPairConfig temporary() {
        return TEMPORARY;
    }

    /** An existing EC2 key pair by name, with the text of its private key (OpenSSH or PEM). */
    public static KeyPairConfig existing(String name, Secret privateKey) {
        return new KeyPairConfig(name, privateKey);
    }

    /** True for a temporary key pair. */
    public boolean isTemporary() {
        return existingName == null && privateKey == null;
    }

    /** The existing key pair's name, or null for a temporary one. */
    public String existingName() {
        return existingName;
    }

    /** The existing key pair's private key, or null for a temporary one. */
    public Secret privateKey() {
        return privateKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPairConfig k && Objects.equals(existingName, k.existingName)
                && Objects.equals(privateKey, k.privateKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(existingName, privateKey);
    }

    @Override
    public String toString() {
        return isTemporary() ? "KeyPairConfig.temporary()" : "KeyPairConfig.existing(" + existingName + ", " + privateKey + ")";
    }
}
