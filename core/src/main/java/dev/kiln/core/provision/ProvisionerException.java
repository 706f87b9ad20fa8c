package dev.kiln.core.provision;

import dev.kiln.core.KilnException;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * A provisioner's work failed on the machine, e.g. a script exited with a status it did not allow. When a
 * command failed, the exception carries its exit status and the last lines of its output (with secrets
 * masked, as in the message, which shows them too).
 *
 * <pre>{@code
 * catch (ProvisionerException e) {
 *     if (e.exitStatus().orElse(0) == 100) { log.warn("apt failed: {}", String.join("\n", e.outputTail())); }
 * }
 * }</pre>
 */
public class ProvisionerException extends KilnException {
    private static final long serialVersionUID = 1L;
    /** The exit status, or null when the failure was not a command's exit. */
    private final Integer exitStatus;
    private final List<String> outputTail;

    /** A failure that was not a command's exit, so {@link #exitStatus()} and {@link #outputTail()} are empty. */
    public ProvisionerException(String message) {
        this(message, null, null, List.of());
    }

    /** A failure caused by {@code cause}, e.g. a lost connection; no exit status or output. */
    public ProvisionerException(String message, Throwable cause) {
        this(message, cause, null, List.of());
    }

    /**
     * A failed command: {@code message}, followed by the output lines when there are any, e.g.
     * {@code Last 2 lines of output:} and the lines indented.
     *
     * @param exitStatus the command's exit status; empty when it had none (the connection was lost)
     * @param outputTail the last lines of the command's output, oldest first
     */
    public ProvisionerException(String message, OptionalInt exitStatus, List<String> outputTail) {
        this(message + describe(outputTail), null, exitStatus.isPresent() ? exitStatus.getAsInt() : null, outputTail);
    }

    private ProvisionerException(String message, Throwable cause, Integer exitStatus, List<String> outputTail) {
        super(message, cause);
        this.exitStatus = exitStatus;
        this.outputTail = List.copyOf(outputTail);
    }

    /**
     * The exit status of the command that failed; empty when the failure was not a command's exit (a lost
     * connection, a timeout, a file that could not be read or moved).
     */
    public OptionalInt exitStatus() {
        return exitStatus == null ? OptionalInt.empty() : OptionalInt.of(exitStatus);
    }

    /** The last lines of the failed command's output, oldest first, secrets masked; empty when there were none. */
    public List<String> outputTail() {
        return outputTail;
    }

    @Override
    protected ProvisionerException copyMasked(UnaryOperator<String> mask, Throwable cause) {
        return new ProvisionerException(mask.apply(getMessage()), cause, exitStatus,
                outputTail.stream().map(mask).toList());
    }

    private static String describe(List<String> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\nLast ").append(lines.size())
                .append(lines.size() == 1 ? " line" : " lines").append(" of output:");
        lines.forEach(line -> out.append("\n    ").append(line));
        return out.toString();
    }
}
