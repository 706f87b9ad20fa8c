package dev.kiln.testkit.ec2.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/** Makes ids shaped like AWS's: a prefix and 17 hex digits, e.g. {@code i-0b738eeecacf78658}. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix) {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes).substring(0, 17);
    }

    public static String requestId() {
        return UUID.randomUUID().toString();
    }
}
