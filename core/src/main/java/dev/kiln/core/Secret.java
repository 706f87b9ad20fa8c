package dev.kiln.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * A value that must never be shown: an AWS secret key, a private key, a password, a sensitive variable.
 *
 * <p>{@code toString()} prints {@code Secret[****]}; only {@link #reveal()} gives the value, and the build
 * runner masks every revealed value that reaches an output line, event, log message or exception message.
 *
 * <pre>{@code
 * Secret password = Secret.of(System.getenv("DB_PASSWORD"));
 * }</pre>
 */
public final class Secret {
    private static final String MASK = "Secret[****]";
    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    /** Wraps a value. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "a secret value must not be null");
        return new Secret(value.toCharArray());
    }

    /** Returns the value. Call this only where the value is handed to the system that needs it. */
    public String reveal() {
        return new String(value);
    }

    /** True when the value is empty. */
    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return MASK;
    }
}
