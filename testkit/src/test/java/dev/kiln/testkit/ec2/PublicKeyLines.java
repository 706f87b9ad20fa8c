package dev.kiln.testkit.ec2;

import dev.kiln.testkit.ec2.internal.keys.SshWire;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** OpenSSH public key lines of new keys made in memory (their private halves are dropped, never written). */
final class PublicKeyLines {
    private PublicKeyLines() {
    }

    /** An {@code ssh-rsa} line of a new key of {@code bits}. */
    static String rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
        return line("ssh-rsa", new SshWire().string("ssh-rsa").mpint(key.getPublicExponent()).mpint(key.getModulus()));
    }

    /** An {@code ecdsa-sha2-nistp256} line of a new key. */
    static String ecdsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
        byte[] point = new byte[65];
        point[0] = 4;
        copyUnsigned(key.getW().getAffineX().toByteArray(), point, 1);
        copyUnsigned(key.getW().getAffineY().toByteArray(), point, 33);
        return line("ecdsa-sha2-nistp256", new SshWire().string("ecdsa-sha2-nistp256").string("nistp256").string(point));
    }

    /** An {@code ssh-dss} line of a new 1024-bit DSA key. */
    static String dsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        generator.initialize(1024);
        DSAPublicKey key = (DSAPublicKey) generator.generateKeyPair().getPublic();
        return line("ssh-dss", new SshWire().string("ssh-dss").mpint(key.getParams().getP()).mpint(key.getParams().getQ())
                .mpint(key.getParams().getG()).mpint(key.getY()));
    }

    /** Copies a 32-byte coordinate, without the sign byte BigInteger may add, right-aligned at {@code at}. */
    private static void copyUnsigned(byte[] value, byte[] into, int at) {
        byte[] unsigned = value.length > 32 ? Arrays.copyOfRange(value, value.length - 32, value.length) : value;
        System.arraycopy(unsigned, 0, into, at + 32 - unsigned.length, unsigned.length);
    }

    private static String line(String type, SshWire blob) {
        return type + " " + Base64.getEncoder().encodeToString(blob.bytes()) + " test";
    }
}
