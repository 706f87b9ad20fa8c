package dev.kiln.core.pipeline;

/**
 * A pipeline that is running. Cancelling it cancels every image being built (each runs its cleanups), including
 * images that are usable already and only cleaning up (they skip their post-processors), and starts no further
 * image. The result comes once every image has ended, cleanups included.
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

    /** Waits until every image has ended, cleanups and post-processors included, and returns the result. */
    PipelineResult await() throws InterruptedException;
}
