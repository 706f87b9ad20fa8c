package dev.kiln.core;

/**
 * The root of Kiln's unchecked exceptions. Messages never contain secret values.
 */
public class KilnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KilnException(String message) {
        super(message);
    }

    public KilnException(String message, Throwable cause) {
        super(message, cause);
    }
}
