package dev.kiln.core.comm;

import java.time.Duration;
import java.util.function.UnaryOperator;

/** A command ran longer than its timeout and was stopped. */
public class CommandTimeoutException extends CommunicatorException {
    private static final long serialVersionUID = 1L;

    /** {@code command} ran past {@code timeout}; the message shows both. */
    public CommandTimeoutException(String command, Duration timeout) {
        super("Command did not finish within " + timeout + ": " + command);
    }

    private CommandTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    protected CommandTimeoutException copyMasked(UnaryOperator<String> mask, Throwable cause) {
        return new CommandTimeoutException(mask.apply(getMessage()), cause);
    }
}
