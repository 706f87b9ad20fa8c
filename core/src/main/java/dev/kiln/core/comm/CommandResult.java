package dev.kiln.core.comm;

/**
 * How a command ended: with an exit status, or with the connection lost before it ended (as when the
 * machine reboots).
 *
 * @param exitStatus the exit status; {@link #UNKNOWN_STATUS} when the connection was lost
 * @param connectionLost true when the connection dropped before the command ended
 */
public record CommandResult(int exitStatus, boolean connectionLost) {
    /** The exit status reported when none is known. */
    public static final int UNKNOWN_STATUS = -1;

    /** A command that exited with {@code status}. */
    public static CommandResult exited(int status) {
        return new CommandResult(status, false);
    }

    /** A command whose connection dropped before it ended. */
    public static CommandResult lostConnection() {
        return new CommandResult(UNKNOWN_STATUS, true);
    }

    /** True when the command exited with status 0. */
    public boolean succeeded() {
        return !connectionLost && exitStatus == 0;
    }
}
