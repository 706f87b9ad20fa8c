package dev.kiln.aws.internal;

import java.time.Duration;
import java.util.function.LongSupplier;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * A waiter backoff that starts polls on a fixed grid, one every period, rather than a fixed delay after each
 * answer: with a fixed delay every poll drifts by the time its request took. The first poll goes at once; the
 * grid's points lie half a period off the start of the wait (1.5, 2.5, 3.5 periods...). A state that changes a
 * whole number of seconds after the call that caused it (as a server with exact latencies does) would otherwise
 * race a poll sent at that same instant, and be seen a whole period late whenever the poll won; off the call's
 * own grid it is seen half a period late. Against a state that changes at any moment, the expected delay is half
 * a period either way. The request rate stays one per period, and two polls are never closer than half a period.
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
        long sinceOrigin = nanoTime.getAsLong() - start - period / 2;
        long delay = (Math.floorDiv(sinceOrigin, period) + 1) * period - sinceOrigin;
        if (delay < period / 2) {
            delay += period;
        }
        return Duration.ofNanos(delay);
    }
}
