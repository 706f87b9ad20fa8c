package dev.kiln.core.run.internal;

import dev.kiln.core.run.BuildCancelledException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a build was cancelled, whether an error means its work was interrupted, and the one exception a
 * cancelled source reports.
 *
 * <pre>{@code
 * if (cancellation.isCancelled() || Cancellation.isInterruption(error)) { outcome = CANCELLED; }
 * }</pre>
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Marks the build cancelled; true the first time. */
    public boolean cancel() {
        return cancelled.compareAndSet(false, true);
    }

    /** True once the build was cancelled. */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * True when the error, or one of its causes, says the work was interrupted or cancelled. A socket timeout
     * (a subclass of {@link InterruptedIOException}) is a failure, not an interruption.
     */
    public static boolean isInterruption(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof BuildCancelledException
                    || t.getClass() == InterruptedIOException.class || t instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a source cancelled at {@code step} (null: between steps) reports: the error itself when it is a
     * {@link BuildCancelledException} already, else one with the error as its cause.
     */
    public static BuildCancelledException asCancel(Throwable error, String sourceName, String step) {
        return error instanceof BuildCancelledException cancelled ? cancelled
                : new BuildCancelledException(sourceName, step, error);
    }
}
