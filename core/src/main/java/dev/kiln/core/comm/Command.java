package dev.kiln.core.comm;

import java.time.Duration;
import java.util.Objects;

/**
 * A command line to run on a machine, with how long it may take.
 *
 * @param line the command line, passed to the remote shell as is
 * @param timeout how long the command may run; {@link Duration#ZERO} means no limit
 */
public record Command(String line, Duration timeout) {
    /** {@code timeout} may not be null or negative; {@link Duration#ZERO} means no limit. */
    public Command {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
    }

    /** A command with no time limit. */
    public static Command of(String line) {
        return new Command(line, Duration.ZERO);
    }

    /** The same command with a time limit. */
    public Command withTimeout(Duration timeout) {
        return new Command(line, timeout);
    }

    /** True when the command has a time limit. */
    public boolean hasTimeout() {
        return !timeout.isZero();
    }
}
