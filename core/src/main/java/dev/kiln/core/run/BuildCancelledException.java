package dev.kiln.core.run;

import dev.kiln.core.KilnException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A build was cancelled ({@link BuildHandle#cancel()}, an interrupt of the thread waiting in
 * {@link Kiln#build}, a cancelled pipeline). Every source that ends {@link Outcome#CANCELLED} has one as its
 * error, wherever the cancel reached it: in a builder's step, a provisioner or a post-processor. Its message
 * names the source and the step, e.g. {@code Build 'web' was cancelled at step 'provisioner 1: shell'}; its
 * cause is what the cancelled work threw, often an {@link InterruptedException}.
 *
 * <pre>{@code
 * source.error().ifPresent(e -> {
 *     if (e instanceof BuildCancelledException c) { log.info("stopped at {}", c.step().orElse("no step")); }
 * });
 * }</pre>
 */
public class BuildCancelledException extends KilnException {
    private static final long serialVersionUID = 1L;
    private final String sourceName;
    private final String step;

    /**
     * The cancel of source {@code sourceName}, which reached it in {@code step} (running or about to start), or
     * between steps when {@code step} is null.
     */
    public BuildCancelledException(String sourceName, String step, Throwable cause) {
        this("Build '" + sourceName + "' was cancelled" + (step == null ? "" : " at step '" + step + "'"), cause,
                sourceName, step);
    }

    /** A cancel that did not reach a source, e.g. a pipeline's image that never started. */
    public BuildCancelledException(String message) {
        this(message, null, null, null);
    }

    private BuildCancelledException(String message, Throwable cause, String sourceName, String step) {
        super(message, cause);
        this.sourceName = sourceName;
        this.step = step;
    }

    /** The source whose build was cancelled; empty when the cancel reached no source. */
    public Optional<String> sourceName() {
        return Optional.ofNullable(sourceName);
    }

    /** The step running or about to start when the cancel reached the source; empty when it was between steps. */
    public Optional<String> step() {
        return Optional.ofNullable(step);
    }

    @Override
    protected BuildCancelledException copyMasked(UnaryOperator<String> mask, Throwable cause) {
        return new BuildCancelledException(mask.apply(getMessage()), cause, mask.apply(sourceName), mask.apply(step));
    }
}
