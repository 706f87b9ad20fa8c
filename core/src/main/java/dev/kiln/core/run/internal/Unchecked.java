package dev.kiln.core.run.internal;

import dev.kiln.core.KilnException;

/**
 * Turns an error a result holds into something to throw: unchecked exceptions as they are, checked ones inside a
 * {@link KilnException}; an {@link Error} is thrown at once.
 *
 * <pre>{@code
 * throw Unchecked.of(error, "Build 'web' failed");
 * }</pre>
 */
public final class Unchecked {
    private Unchecked() {
    }

    /** The error to throw; {@code failed} starts the message of a wrapper, e.g. {@code Build 'web' failed}. */
    public static RuntimeException of(Throwable error, String failed) {
        if (error instanceof RuntimeException unchecked) {
            return unchecked;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return new KilnException(failed + ": " + error, error);
    }
}
