package dev.kiln.aws.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An EC2 call that creates something, made so that a cancel neither waits for it nor loses what it made.
 *
 * <p>The call (with the SDK's retries) runs on a thread of its own while the build's thread waits for its
 * answer in {@link #answer()}. A cancel interrupts that wait at once; the call itself goes on to its end, since
 * an HTTP request already sent can't be taken back. The step's undo then calls {@link #settled}: it waits for a
 * call still in flight and returns its answer, or nothing when the call failed or its answer was lost, in which
 * case the undo finds the resource by what it knew before the call (a client token, a name, the session's tags).
 *
 * <pre>{@code
 * CreateCall<String> call = CreateCall.start(() -> ec2.createSecurityGroup(...).groupId());
 * String groupId = call.answer();                 // in the step
 * Optional<String> made = call.settled();         // in its undo
 * }</pre>
 */
final class CreateCall<T> {
    /** How long an undo waits for a call still in flight: the SDK's retries of a lost answer fit in it. */
    static final Duration GRACE = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(CreateCall.class);
    private static final ExecutorService CALLS = DaemonThreads.pool("kiln-ec2-create");

    private final CompletableFuture<T> call;

    private CreateCall(CompletableFuture<T> call) {
        this.call = call;
    }

    /**
     * Sends the call on a thread of its own, unless the build is cancelled already.
     *
     * @throws InterruptedException when the build was cancelled before the call was sent
     */
    static <T> CreateCall<T> start(Callable<T> body) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("cancelled before the call was sent");
        }
        CompletableFuture<T> call = new CompletableFuture<>();
        CALLS.execute(() -> {
            try {
                call.complete(body.call());
            } catch (Throwable e) {
                call.completeExceptionally(e);
            }
        });
        return new CreateCall<>(call);
    }

    /**
     * Waits for the answer.
     *
     * @throws InterruptedException at once when the build is cancelled; the call goes on
     * @throws Exception the call's own failure
     */
    T answer() throws Exception {
        try {
            return call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * For an undo: waits for the call to end and returns its answer. Empty when the call failed or its answer
     * was lost, or when it is still in flight after {@link #GRACE} (logged); the undo then looks for what the
     * call made by what it knew before sending it.
     */
    Optional<T> settled() throws InterruptedException {
        try {
            return Optional.ofNullable(call.get(GRACE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (TimeoutException e) {
            LOG.warn("An EC2 create call is still unanswered after {}; looking for what it made instead", GRACE);
            return Optional.empty();
        }
    }
}
