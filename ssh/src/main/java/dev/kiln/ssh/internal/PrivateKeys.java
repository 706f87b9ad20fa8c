package dev.kiln.ssh.internal;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import dev.kiln.core.Secret;
import dev.kiln.core.spec.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Reads private keys from memory into JSch, never from or to disk, and never shows their text. */
public final class PrivateKeys {
    private static final String IDENTITY_NAME = "kiln-private-key";

    private PrivateKeys() {
    }

    /** What is wrong with a private key and its passphrase, if anything. The message never quotes the key. */
    public static Optional<Problem> problem(Secret key, Secret passphrase) {
        byte[] keyBytes = key.reveal().getBytes(StandardCharsets.UTF_8);
        byte[] pass = passphrase == null ? null : passphrase.reveal().getBytes(StandardCharsets.UTF_8);
        KeyPair pair = null;
        try {
            pair = KeyPair.load(new JSch(), keyBytes, null);
            if (pair.isEncrypted() && pass == null) {
                return Optional.of(new Problem("privateKey", "is encrypted with a passphrase",
                        "pass the passphrase too: privateKey(key, passphrase)"));
            }
            if (pair.isEncrypted() && !pair.decrypt(pass)) {
                return Optional.of(new Problem("passphrase", "does not decrypt the private key",
                        "pass the passphrase the key was encrypted with"));
            }
            return Optional.empty();
        } catch (JSchException e) {
            return Optional.of(new Problem("privateKey", "cannot be read as an OpenSSH or PEM private key",
                    "pass the whole key text, from -----BEGIN to -----END, of an Ed25519, RSA or ECDSA key"));
        } finally {
            if (pair != null) {
                pair.dispose();
            }
            wipe(keyBytes);
            wipe(pass);
        }
    }

    /** Adds the key as the JSch instance's identity. */
    static void addTo(JSch jsch, Secret key, Secret passphrase) throws JSchException {
        byte[] keyBytes = key.reveal().getBytes(StandardCharsets.UTF_8);
        byte[] pass = passphrase == null ? null : passphrase.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            jsch.addIdentity(IDENTITY_NAME, keyBytes, null, pass);
        } finally {
            wipe(keyBytes);
            wipe(pass);
        }
    }

    private static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
