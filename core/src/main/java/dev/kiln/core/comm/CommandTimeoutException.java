package dev.kiln.core.comm;

import java.time.Duration;

/** A command ran longer than its timeout and was stopped. */
public class CommandTimeoutException extends CommunicatorException {
    private static final long serialVersionUID = 1L;

    public CommandTimeoutException(String command, Duration timeout) {
        super("Command did not finish within " + timeout + ": " + command);
    }
}
