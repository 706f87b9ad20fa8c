package dev.kiln.core.run;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A build that is running: wait for its image, for its end, or cancel it. Cancelling interrupts every running
 * step and then runs every registered cleanup, newest first; the sources end {@link Outcome#CANCELLED}.
 *
 * <pre>{@code
 * BuildHandle handle = kiln.start(spec);
 * Runtime.getRuntime().addShutdownHook(new Thread(handle::cancel));
 * BuildResult result = handle.await();
 * }</pre>
 *
 * <p>A build that starts from this one's image need not wait for its cleanups ({@link #awaitImage()}):
 *
 * <pre>{@code
 * BuildHandle base = kiln.start(baseSpec);
 * Optional<UpstreamImage> baseImage = base.awaitImage(); // its instance may still be terminating
 * BuildHandle app = kiln.start(appSpec, List.of(baseImage.orElseThrow()));
 * BuildResult baseResult = base.await(); // cleanups and post-processors done: a cleanup may still have failed
 * }</pre>
 *
 * <p>To compose with other asynchronous work, {@link #toCompletableFuture()}:
 *
 * <pre>{@code
 * kiln.start(spec).toCompletableFuture()
 *     .thenApply(BuildResult::orElseThrow)
 *     .thenAccept(result -> deploy(result.artifact("amazon-ebs").orElseThrow().id()));
 * }</pre>
 */
public interface BuildHandle {

    /** Asks the build to stop; returns at once. Calling it again does nothing. */
    void cancel();

    /**
     * Waits until the image is usable by the builds that start from it: every source has its artifact, captured
     * or found by its fingerprint (then at once). Returns while the sources still run their cleanups and
     * post-processors, which may yet fail and fail the build; {@link #await()} tells. Empty as soon as one
     * source has ended without an artifact (it failed or was cancelled first).
     */
    Optional<UpstreamImage> awaitImage() throws InterruptedException;

    /** Waits until every source has finished, cleanups and post-processors included, and returns the result. */
    BuildResult await() throws InterruptedException;

    /** Waits at most {@code timeout}; empty when the build is still running. */
    Optional<BuildResult> await(Duration timeout) throws InterruptedException;

    /**
     * A new {@link CompletableFuture} that completes with the result when every source has finished, cleanups
     * and post-processors included, as {@link #await()} returns. Cancelling it cancels the build, as
     * {@link #cancel()} does, and, as cancelling any CompletableFuture does, completes it at once with a
     * {@link java.util.concurrent.CancellationException}; the build still runs its cleanups, and
     * {@link #await()} returns its result. Completing it by hand changes only that future.
     */
    CompletableFuture<BuildResult> toCompletableFuture();

    /** True when every source has finished, cleanups included. */
    boolean isDone();
}
