package dev.kiln.core.run;

import dev.kiln.core.KilnException;
import java.util.function.UnaryOperator;

/**
 * Stands in for an exception whose message held a secret and whose class Kiln could not copy: a class that does
 * not copy itself (as Kiln's own exceptions do, see {@code KilnException.copyMasked}) and has no public
 * {@code (String)} or {@code (String, Throwable)} constructor. Every other exception keeps its class when a
 * secret is masked. Its
 * {@code toString()} and stack trace read as the original type; the message has the secrets masked; the stack
 * trace and (masked) cause chain are the original's.
 *
 * <pre>{@code
 * if (error instanceof RedactedException r) { System.err.println("was a " + r.originalType()); }
 * }</pre>
 */
public class RedactedException extends KilnException {
    private static final long serialVersionUID = 1L;
    private final String originalType;

    /** A stand-in for an exception of class {@code originalType} with a masked message. */
    public RedactedException(String originalType, String message, Throwable cause) {
        super(message, cause);
        this.originalType = originalType;
    }

    /** The class name of the exception this stands in for. */
    public String originalType() {
        return originalType;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalType : originalType + ": " + message;
    }

    @Override
    protected RedactedException copyMasked(UnaryOperator<String> mask, Throwable cause) {
        return new RedactedException(originalType, mask.apply(getMessage()), cause);
    }
}
