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
 * CreateCall<String> call = CreateCall.of(() -> ec2.createSecurityGroup(...).groupId());
 * s.onCleanup(..., () -> call.settled()...);      // the undo, registered first
 * String groupId = call.send().answer();          // in the step
 * }</pre>
 */
final class CreateCall<T> {
    /** How long an undo waits for a call still in flight: the SDK's retries of a lost answer fit in it. */
    static final Duration GRACE = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(CreateCall.class);
    private static final ExecutorService CALLS = DaemonThreads.pool("kiln-ec2-create");

    private final Callable<T> body;
    private volatile CompletableFuture<T> call;

    private CreateCall(Callable<T> body) {
        this.body = body;
    }

    /** A call not sent yet, so that the undo that removes what it makes can be registered before it is. */
    static <T> CreateCall<T> of(Callable<T> body) {
        return new CreateCall<>(body);
    }

    /**
     * Sends the call on a thread of its own, unless the build is cancelled already.
     *
     * @throws InterruptedException when the build was cancelled before the call was sent
     */
    CreateCall<T> send() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("cancelled before the call was sent");
        }
        CompletableFuture<T> sending = new CompletableFuture<>();
        call = sending;
        CALLS.execute(() -> {
            try {
                sending.complete(body.call());
            } catch (Throwable e) {
                sending.completeExceptionally(e);
            }
        });
        return this;
    }

    /** Whether the call was sent: if not, it made nothing and its undo has nothing to do. */
    boolean sent() {
        return call != null;
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
     * call made by what it knew before sending it. Empty at once when the call was never sent.
     */
    Optional<T> settled() throws InterruptedException {
        CompletableFuture<T> sent = call;
        if (sent == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(sent.get(GRACE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (TimeoutException e) {
            LOG.warn("An EC2 create call is still unanswered after {}; looking for what it made instead", GRACE);
            return Optional.empty();
        }
    }
}
