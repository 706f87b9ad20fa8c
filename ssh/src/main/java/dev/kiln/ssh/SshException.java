package dev.kiln.ssh;

import dev.kiln.core.comm.CommunicatorException;

/**
 * An SSH connection, command or transfer failed. Carries the host, port and user it was about, and names
 * them in its message together with the cause. Never carries a key, passphrase or password.
 *
 * <pre>{@code
 * try (SshCommunicator ssh = SshCommunicator.connect(target)) {
 *     ...
 * } catch (SshException e) {
 *     log.error("cannot reach {}:{} as {}", e.host(), e.port(), e.user(), e);
 * }
 * }</pre>
 */
public class SshException extends CommunicatorException {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;
    private final String user;

    public SshException(SshTarget target, String message, Throwable cause) {
        super(message(target, message, cause), cause);
        this.host = target.host();
        this.port = target.port();
        this.user = target.user();
    }

    public SshException(SshTarget target, String message) {
        this(target, message, null);
    }

    private static String message(SshTarget target, String message, Throwable cause) {
        String text = target.address() + ": " + message;
        if (cause == null || cause.getMessage() == null || message.contains(cause.getMessage())) {
            return text;
        }
        return text + " (cause: " + cause.getMessage() + ")";
    }

    /** The host the failed operation was about. */
    public String host() {
        return host;
    }

    /** The SSH port. */
    public int port() {
        return port;
    }

    /** The login user. */
    public String user() {
        return user;
    }
}
