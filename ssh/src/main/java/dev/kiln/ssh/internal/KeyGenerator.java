package dev.kiln.ssh.internal;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import dev.kiln.ssh.SshKeyType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Generates key pairs in memory with JSch. */
public final class KeyGenerator {
    private KeyGenerator() {
    }

    /** A generated key pair as text. */
    public record Generated(String publicKeyLine, String privateKeyText, String fingerprint) {
        @Override
        public String toString() {
            return "Generated[" + fingerprint + "]";
        }
    }

    /** Generates a key pair of {@code type}. */
    public static Generated generate(SshKeyType type, String comment) {
        JSch jsch = new JSch();
        jsch.setInstanceLogger(JschLog.INSTANCE);
        KeyPair pair;
        try {
            pair = switch (type) {
                case ED25519 -> KeyPair.genKeyPair(jsch, KeyPair.ED25519);
                case RSA_2048 -> KeyPair.genKeyPair(jsch, KeyPair.RSA, 2048);
                case RSA_4096 -> KeyPair.genKeyPair(jsch, KeyPair.RSA, 4096);
            };
        } catch (JSchException e) {
            throw new IllegalStateException("cannot generate an " + type + " key pair on this Java runtime: "
                    + e.getMessage(), e);
        }
        try {
            ByteArrayOutputStream pub = new ByteArrayOutputStream();
            pair.writePublicKey(pub, comment);
            ByteArrayOutputStream prv = new ByteArrayOutputStream();
            pair.writeOpenSSHv1PrivateKey(prv, null);
            return new Generated(pub.toString(StandardCharsets.US_ASCII).strip(),
                    prv.toString(StandardCharsets.US_ASCII), Fingerprints.sha256(pair.getPublicKeyBlob()));
        } catch (JSchException e) {
            throw new IllegalStateException("cannot write the generated key pair: " + e.getMessage(), e);
        } finally {
            pair.dispose();
        }
    }
}
