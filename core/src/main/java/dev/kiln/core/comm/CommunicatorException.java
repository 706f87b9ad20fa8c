package dev.kiln.core.comm;

import dev.kiln.core.KilnException;
import java.util.function.UnaryOperator;

/** A command or transfer could not be carried out: the connection failed, a file was missing, and so on. */
public class CommunicatorException extends KilnException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public CommunicatorException(String message) {
        super(message);
    }

    /** A failure described by {@code message} and caused by {@code cause}, e.g. the transport's exception. */
    public CommunicatorException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    protected CommunicatorException copyMasked(UnaryOperator<String> mask, Throwable cause) {
        return new CommunicatorException(mask.apply(getMessage()), cause);
    }
}
