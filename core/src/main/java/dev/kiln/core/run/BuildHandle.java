package dev.kiln.core.run;

import java.time.Duration;
import java.util.Optional;

/**
 * A build that is running: wait for it, or cancel it. Cancelling interrupts every running step and then
 * runs every registered cleanup, newest first; the sources end {@link Outcome#CANCELLED}.
 *
 * <pre>{@code
 * BuildHandle handle = kiln.start(spec);
 * Runtime.getRuntime().addShutdownHook(new Thread(handle::cancel));
 * BuildResult result = handle.await();
 * }</pre>
 */
public interface BuildHandle {

    /** Asks the build to stop; returns at once. Calling it again does nothing. */
    void cancel();

    /** Waits until every source has finished, cleanups included, and returns the result. */
    BuildResult await() throws InterruptedException;

    /** Waits at most {@code timeout}; empty when the build is still running. */
    Optional<BuildResult> await(Duration timeout) throws InterruptedException;

    /** True when every source has finished, cleanups included. */
    boolean isDone();
}
