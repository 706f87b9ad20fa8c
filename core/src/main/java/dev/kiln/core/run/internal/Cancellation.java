package dev.kiln.core.run.internal;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a build was cancelled, and whether an error means its work was interrupted.
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

    /** True when the error, or one of its causes, says the work was interrupted. */
    public static boolean isInterruption(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof InterruptedIOException
                    || t instanceof ClosedByInterruptException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
