package dev.kiln.testkit.ec2.internal.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Real key pairs as EC2 hands them out: CreateKeyPair's private key (RSA as PKCS#1 PEM, ed25519 in OpenSSH
 * format), the OpenSSH public key line, and the fingerprint EC2 reports.
 */
public final class KeyMaterial {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The RSA key sizes EC2 documents for ImportKeyPair. */
    private static final List<Integer> RSA_SIZES = List.of(1024, 2048, 4096);

    private KeyMaterial() {
    }

    /** A new key of {@code type} ({@code rsa} or {@code ed25519}). */
    public static NewKey generate(String type) {
        try {
            return switch (type) {
                case "rsa" -> rsa();
                case "ed25519" -> ed25519();
                default -> throw new IllegalArgumentException(type);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key", e);
        }
    }

    /**
     * Reads an OpenSSH public key line ({@code ssh-rsa AAAA... comment} or {@code ssh-ed25519 ...}) of a key EC2
     * imports: RSA of 1024, 2048 or 4096 bits, or ed25519; EC2 takes no DSA or ECDSA keys.
     *
     * @throws IllegalArgumentException when it is not one, saying why
     */
    public static PublicKey readPublic(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key line");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not valid base64");
        }
        SshWire.Reader reader = new SshWire.Reader(blob);
        String type = reader.text();
        if (!type.equals(parts[0])) {
            throw new IllegalArgumentException("the key type " + parts[0] + " does not match its data (" + type + ")");
        }
        String normalized = parts[0] + " " + parts[1];
        try {
            return switch (type) {
                case "ssh-rsa" -> {
                    var e = reader.mpint();
                    var n = reader.mpint();
                    if (!RSA_SIZES.contains(n.bitLength())) {
                        throw new IllegalArgumentException("an RSA key of " + n.bitLength() + " bits (EC2 imports "
                                + RSA_SIZES + ")");
                    }
                    byte[] der = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)).getEncoded();
                    yield new PublicKey("rsa", normalized, colonHex(digest("MD5", der)));
                }
                case "ssh-ed25519" -> {
                    if (reader.string().length != 32) {
                        throw new IllegalArgumentException("an ed25519 key has 32 bytes");
                    }
                    yield new PublicKey("ed25519", normalized, sha256Fingerprint(blob));
                }
                default -> throw new IllegalArgumentException("unsupported key type " + type + " (use ssh-rsa or ssh-ed25519)");
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the RSA key is invalid");
        }
    }

    private static NewKey rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        byte[] blob = new SshWire().string("ssh-rsa").mpint(pub.getPublicExponent()).mpint(pub.getModulus()).bytes();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        String pem = pem("RSA PRIVATE KEY", Der.pkcs8PrivateKey(pkcs8), 64);
        // EC2 reports the SHA-1 of the PKCS#8 private key for RSA keys it creates.
        return new NewKey("rsa", pem, "ssh-rsa " + Base64.getEncoder().encodeToString(blob), colonHex(digest("SHA-1", pkcs8)));
    }

    private static NewKey ed25519() throws GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x509 = pair.getPublic().getEncoded();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] pub = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
        byte[] blob = new SshWire().string("ssh-ed25519").string(pub).bytes();

        byte[] secret = new byte[64];
        System.arraycopy(seed, 0, secret, 0, 32);
        System.arraycopy(pub, 0, secret, 32, 32);
        int check = RANDOM.nextInt();
        SshWire privateSection = new SshWire().uint32(check).uint32(check)
                .string("ssh-ed25519").string(pub).string(secret).string("");
        for (int pad = 1; privateSection.size() % 8 != 0; pad++) {
            privateSection.raw(new byte[] {(byte) pad});
        }
        byte[] body = new SshWire().raw("openssh-key-v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .string("none").string("none").string("").uint32(1).string(blob).string(privateSection.bytes())
                .bytes();
        return new NewKey("ed25519", pem("OPENSSH PRIVATE KEY", body, 70),
                "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob), sha256Fingerprint(blob));
    }

    private static String sha256Fingerprint(byte[] blob) {
        return Base64.getEncoder().encodeToString(digest("SHA-256", blob));
    }

    private static String pem(String label, byte[] der, int width) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder pem = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < base64.length(); i += width) {
            pem.append(base64, i, Math.min(base64.length(), i + width)).append('\n');
        }
        return pem.append("-----END ").append(label).append("-----").toString();
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm, e);
        }
    }

    private static String colonHex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    /** A key CreateKeyPair made; {@code privateKey} is secret and must never be logged. */
    public record NewKey(String type, String privateKey, String publicKeyLine, String fingerprint) {
        @Override
        public String toString() {
            return "NewKey[" + type + ", " + fingerprint + "]";
        }
    }

    /** A public key ImportKeyPair read. */
    public record PublicKey(String type, String publicKeyLine, String fingerprint) {
    }
}
