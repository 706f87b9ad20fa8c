package dev.kiln.testkit.ec2.internal.keys;

import java.util.Arrays;

/** Just enough DER reading to take the PKCS#1 RSA key out of a PKCS#8 PrivateKeyInfo. */
final class Der {
    private Der() {
    }

    /** The contents of the OCTET STRING that holds the private key inside a PKCS#8 PrivateKeyInfo. */
    static byte[] pkcs8PrivateKey(byte[] pkcs8) {
        int[] pos = {0};
        expect(pkcs8, pos, 0x30);
        length(pkcs8, pos);
        skip(pkcs8, pos, 0x02); // version
        skip(pkcs8, pos, 0x30); // algorithm
        expect(pkcs8, pos, 0x04);
        int length = length(pkcs8, pos);
        return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + length);
    }

    private static void expect(byte[] der, int[] pos, int tag) {
        if ((der[pos[0]] & 0xFF) != tag) {
            throw new IllegalArgumentException("unexpected DER tag " + der[pos[0]] + " at " + pos[0]);
        }
        pos[0]++;
    }

    private static void skip(byte[] der, int[] pos, int tag) {
        expect(der, pos, tag);
        int length = length(der, pos);
        pos[0] += length;
    }

    private static int length(byte[] der, int[] pos) {
        int first = der[pos[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7F); i++) {
            length = (length << 8) | (der[pos[0]++] & 0xFF);
        }
        return length;
    }
}
