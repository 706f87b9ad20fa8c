package dev.kiln.aws.internal;

import dev.kiln.core.builder.BuildContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Retries an EC2 call that fails with one of a few error codes meaning "not yet": eventual consistency
 * ({@code InvalidInstanceID.NotFound} right after RunInstances) or a dependency still going away
 * ({@code DependencyViolation} while the instance terminates). Throttling is the SDK retry strategy's job,
 * not this class's. Bounded in attempts; checks for a cancel between attempts.
 */
public final class Retry {
    private final Set<String> codes;
    private final int attempts;
    private final Duration firstDelay;
    private final Duration maxDelay;

    private Retry(Set<String> codes, int attempts, Duration firstDelay, Duration maxDelay) {
        this.codes = codes;
        this.attempts = attempts;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    /** Retries on these codes, up to {@code attempts} tries, delays doubling from 200 ms to 5 s. */
    public static Retry on(int attempts, String... codes) {
        return new Retry(Set.of(codes), attempts, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /** Runs the call, retrying as configured, and stops when the build is cancelled. */
    public <T> T call(BuildContext context, Callable<T> call) throws Exception {
        return call(context::checkCancelled, call);
    }

    /** Runs the call, retrying as configured; {@code cancelled} throws when the work should stop. */
    public <T> T call(Checkpoint cancelled, Callable<T> call) throws Exception {
        long delay = firstDelay.toMillis();
        for (int attempt = 1;; attempt++) {
            cancelled.check();
            try {
                return call.call();
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if (attempt >= attempts || !codes.contains(code)) {
                    throw e;
                }
            }
            Thread.sleep(delay);
            delay = Math.min(maxDelay.toMillis(), delay * 2);
        }
    }

    /** Runs a call without a result, retrying as configured. */
    public void run(BuildContext context, Action action) throws Exception {
        run(context::checkCancelled, action);
    }

    /** Runs a call without a result, retrying as configured; {@code cancelled} throws when the work should stop. */
    public void run(Checkpoint cancelled, Action action) throws Exception {
        call(cancelled, () -> {
            action.run();
            return null;
        });
    }

    /** Throws {@link InterruptedException} when the work has been cancelled. */
    @FunctionalInterface
    public interface Checkpoint {
        void check() throws InterruptedException;
    }

    /** A call without a result. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }
}
