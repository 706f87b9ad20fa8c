package dev.kiln.core;

import java.util.function.UnaryOperator;

/**
 * The root of Kiln's unchecked exceptions: every failure of a build that Kiln's own builders, provisioners and
 * post-processors report is one of its subclasses, so one {@code catch (KilnException e)} covers them, and a
 * subclass says what failed and carries what a program needs to act on it (an exit status, an EC2 error code,
 * the step that was cancelled). Mistakes in the calling code (a null, a negative parallelism) are the JDK's
 * {@code NullPointerException} and {@code IllegalArgumentException}; a builder or provisioner of your own may
 * throw what it likes, and its exception reaches you as it is. Messages never contain secret values: before an
 * exception leaves a build, Kiln masks every secret in it and keeps its class.
 *
 * <pre>{@code
 * try {
 *     kiln.build(spec).orElseThrow();
 * } catch (BuildCancelledException e) {
 *     log.info("cancelled at {}", e.step().orElse("start"));
 * } catch (ProvisionerException e) {
 *     log.error("script failed with {}: {}", e.exitStatus(), e.outputTail());
 * } catch (KilnException e) {
 *     log.error("build failed", e);
 * }
 * }</pre>
 */
public class KilnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, which must hold no secret value. */
    public KilnException(String message) {
        super(message);
    }

    /** A failure described by {@code message} (no secret values in it) and caused by {@code cause}. */
    public KilnException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A copy of this exception of the same class, with every text it holds passed through {@code mask} (which
     * leaves null as null) and {@code cause} as its cause; the caller sets the stack trace and the suppressed
     * exceptions. Kiln calls it to mask a secret without changing the exception's class. A subclass returns its
     * own class and copies its fields; a subclass that does not override it is copied through a public
     * {@code (String, Throwable)} constructor if it has one, else reported as a {@code RedactedException}. Kiln
     * looks for secrets in {@link #getMessage()} and {@link #toString()}, so a subclass keeps every text it holds
     * in its message.
     */
    protected KilnException copyMasked(UnaryOperator<String> mask, Throwable cause) {
        return new KilnException(mask.apply(getMessage()), cause);
    }
}
