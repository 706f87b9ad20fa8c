package dev.kiln.aws;

import dev.kiln.core.KilnException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An amazon-ebs build step, or one of its cleanups, failed. The message names the step (or the cleanup's
 * description), the resources it concerned, and for an EC2 error its error code and request id, e.g.
 * {@code step 'run instance' failed [instance i-0abc]: InsufficientInstanceCapacity (request id 5b1c...): ...}.
 *
 * <pre>{@code
 * catch (AmazonEbsException e) { log.error("{} failed: {}", e.step(), e.errorCode()); }
 * }</pre>
 */
public class AmazonEbsException extends KilnException {
    private static final long serialVersionUID = 1L;
    private final String step;
    private final String errorCode;
    private final String requestId;
    private final List<String> resources;

    /**
     * A failure of {@code step} concerning {@code resources}; {@code errorCode} and {@code requestId} are EC2's, or
     * null when the failure was not an EC2 error. The message joins them all, as in the class comment.
     */
    public AmazonEbsException(String step, List<String> resources, String errorCode, String requestId, String message,
            Throwable cause) {
        this(message(step, resources, errorCode, requestId, message), cause, step, resources, errorCode, requestId);
    }

    private AmazonEbsException(String message, Throwable cause, String step, List<String> resources, String errorCode,
            String requestId) {
        super(message, cause);
        this.step = step;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.resources = List.copyOf(resources);
    }

    /** The step that failed, e.g. {@code create image}, or the description of the cleanup that failed. */
    public String step() {
        return step;
    }

    /** The EC2 error code, e.g. {@code InvalidAMIID.NotFound}, or null when the failure was not an EC2 error. */
    public String errorCode() {
        return errorCode;
    }

    /** The EC2 request id, or null. */
    public String requestId() {
        return requestId;
    }

    /** The resources concerned, e.g. {@code instance i-0abc in us-east-1}. */
    public List<String> resources() {
        return resources;
    }

    @Override
    protected AmazonEbsException copyMasked(UnaryOperator<String> mask, Throwable cause) {
        return new AmazonEbsException(mask.apply(getMessage()), cause, mask.apply(step),
                resources.stream().map(mask).toList(), errorCode, requestId);
    }

    private static String message(String step, List<String> resources, String code, String requestId, String message) {
        StringBuilder out = new StringBuilder("step '").append(step).append("' failed");
        if (!resources.isEmpty()) {
            out.append(' ').append(resources);
        }
        out.append(": ");
        if (code != null) {
            out.append(code).append(" (request id ").append(requestId).append("): ");
        }
        return out.append(message).toString();
    }
}
