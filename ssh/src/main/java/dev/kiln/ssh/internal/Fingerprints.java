package dev.kiln.ssh.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256 fingerprints of SSH public key blobs, written as OpenSSH writes them. */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** {@code SHA256:<base64 without padding>} of a public key blob (the bytes base64-encoded in a key line). */
    public static String sha256(byte[] publicKeyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The fingerprint of a base64-encoded public key blob, as found in known_hosts or a key line. */
    public static String sha256(String base64Blob) {
        return sha256(Base64.getDecoder().decode(base64Blob));
    }
}
