package dev.kiln.aws.internal;

import java.time.Duration;
import java.util.function.LongSupplier;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * A waiter backoff that starts polls on a fixed grid, one every period from the start of the wait, rather than a
 * fixed delay after each answer. With a fixed delay every poll drifts by the time its request took, so a state
 * reached after a whole number of periods is seen a poll late; on the grid it is seen on time. The request rate
 * stays one per period, and two polls are never closer than half a period.
 */
final class FixedRatePolls implements BackoffStrategy {
    private final long period;
    private final LongSupplier nanoTime;
    private final long start;

    FixedRatePolls(Duration period) {
        this(period, System::nanoTime);
    }

    FixedRatePolls(Duration period, LongSupplier nanoTime) {
        this.period = Math.max(1, period.toNanos());
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    @Override
    public Duration computeDelay(int attempt) {
        long elapsed = nanoTime.getAsLong() - start;
        long next = (elapsed / period + 1) * period;
        if (next - elapsed < period / 2) {
            next += period;
        }
        return Duration.ofNanos(next - elapsed);
    }
}
