package dev.kiln.core.pipeline;

import java.util.concurrent.CompletableFuture;

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

    /**
     * A new {@link CompletableFuture} that completes with the result when every image has ended, as
     * {@link #await()} returns. Cancelling it cancels the pipeline, as {@link #cancel()} does, and, as cancelling
     * any CompletableFuture does, completes it at once with a {@link java.util.concurrent.CancellationException};
     * the builds still run their cleanups, and {@link #await()} returns the result. Completing it by hand changes
     * only that future.
     */
    CompletableFuture<PipelineResult> toCompletableFuture();
}
