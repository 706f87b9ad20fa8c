package dev.kiln.docker;

import dev.kiln.core.KilnException;
import java.util.function.UnaryOperator;

/**
 * The Docker daemon refused a call or could not be reached. The message says what Kiln asked for and what the
 * daemon answered, e.g. {@code pull of busybox:latest: 404 No such image: busybox:latest}.
 *
 * <pre>{@code
 * catch (DockerException e) { if (e.status() == 404) log.warn("no such image"); }
 * }</pre>
 */
public class DockerException extends KilnException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * A failure with the daemon's HTTP status.
     *
     * @param status the HTTP status the daemon answered, or 0 when there was no answer
     * @param message what was asked and what went wrong
     * @param cause the underlying failure, or null
     */
    public DockerException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the daemon answered, e.g. 404 or 409; 0 when it gave no answer. */
    public int status() {
        return status;
    }

    @Override
    protected DockerException copyMasked(UnaryOperator<String> mask, Throwable cause) {
        return new DockerException(status, mask.apply(getMessage()), cause);
    }
}
