package dev.kiln.core.pipeline;

/**
 * A pipeline that is running. Cancelling it cancels every image being built (each runs its cleanups) and
 * starts no further image.
 *
 * <pre>{@code
 * PipelineHandle handle = pipeline.start(kiln);
 * Runtime.getRuntime().addShutdownHook(new Thread(handle::cancel));
 * PipelineResult result = handle.await();
 * }</pre>
 */
public interface PipelineHandle {

    /** Asks every running build to stop and starts no new one; returns at once. */
    void cancel();

    /** Waits until every image has ended and returns the result. */
    PipelineResult await() throws InterruptedException;
}
