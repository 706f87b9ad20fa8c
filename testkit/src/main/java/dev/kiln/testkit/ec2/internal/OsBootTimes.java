package dev.kiln.testkit.ec2.internal;

import dev.kiln.testkit.ec2.Latencies;
import java.time.Duration;
import java.util.Random;

/**
 * Draws how long each boot of an instance's OS takes, uniformly between the latency profile's shortest and
 * longest, in a sequence fixed by LocalEc2's random seed: the n-th boot of two LocalEc2s with the same seed and
 * profile takes the same time. Thread-safe.
 */
public final class OsBootTimes {
    /** Keeps this sequence apart from the throttling sequence drawn from the same seed. */
    private static final long STREAM = 0x6f73626f6f74L;

    private final long min;
    private final long span;
    private final Random random;

    /** Draws from {@code latencies}' OS boot range, seeded with {@code seed}. */
    public OsBootTimes(Latencies latencies, long seed) {
        this.min = latencies.osBootMin().toNanos();
        this.span = latencies.osBootMax().toNanos() - min;
        this.random = new Random(seed ^ STREAM);
    }

    /** The next boot's time; zero when the profile has no OS boot time. */
    public synchronized Duration next() {
        return Duration.ofNanos(min + (long) (random.nextDouble() * span));
    }
}
