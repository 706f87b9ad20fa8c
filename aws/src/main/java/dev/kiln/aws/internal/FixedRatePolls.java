package dev.kiln.aws.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * A waiter backoff that starts polls on a fixed grid, one every period, rather than a fixed delay after each
 * answer: with a fixed delay every poll drifts by the time its request took. The first poll goes at once; the
 * grid's points lie a random phase off the start of the wait. A grid anchored at the wait's start would race a
 * state that changes a whole (or half) number of seconds after the call that caused it, as a server with exact
 * latencies does, and see it a whole period late whenever the poll won; with a random phase the expected delay is
 * half a period, as it is against a state that changes at any moment. The request rate stays one per period, and
 * two polls are never closer than half a period.
 */
final class FixedRatePolls implements BackoffStrategy {
    private final long period;
    private final LongSupplier nanoTime;
    private final long origin;

    /** Polls every {@code period} on a grid of random phase, from now. */
    FixedRatePolls(Duration period) {
        this(period, ThreadLocalRandom.current().nextDouble(), System::nanoTime);
    }

    /** Polls every {@code period} on a grid whose points lie {@code phase} (0 to 1) of a period off now. */
    FixedRatePolls(Duration period, double phase, LongSupplier nanoTime) {
        this.period = Math.max(1, period.toNanos());
        this.nanoTime = nanoTime;
        this.origin = nanoTime.getAsLong() + (long) (phase * this.period);
    }

    @Override
    public Duration computeDelay(int attempt) {
        long sinceOrigin = nanoTime.getAsLong() - origin;
        long delay = (Math.floorDiv(sinceOrigin, period) + 1) * period - sinceOrigin;
        if (delay < period / 2) {
            delay += period;
        }
        return Duration.ofNanos(delay);
    }
}
