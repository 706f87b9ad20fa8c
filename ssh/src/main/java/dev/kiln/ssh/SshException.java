package dev.kiln.ssh;

import dev.kiln.core.comm.CommunicatorException;
import java.util.function.UnaryOperator;

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

    /** A failure at {@code target}: the message is its {@code user@host:port}, then {@code message} and the cause's. */
    public SshException(SshTarget target, String message, Throwable cause) {
        this(message(target, message, cause), cause, target.host(), target.port(), target.user());
    }

    /** A failure at {@code target} with no underlying exception. */
    public SshException(SshTarget target, String message) {
        this(target, message, null);
    }

    private SshException(String message, Throwable cause, String host, int port, String user) {
        super(message, cause);
        this.host = host;
        this.port = port;
        this.user = user;
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

    @Override
    protected SshException copyMasked(UnaryOperator<String> mask, Throwable cause) {
        return new SshException(mask.apply(getMessage()), cause, mask.apply(host), port, mask.apply(user));
    }
}
