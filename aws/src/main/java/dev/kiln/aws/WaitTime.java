package dev.kiln.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How often to poll one EC2 state and how long to wait for it, given to the SDK's waiter.
 *
 * <pre>{@code
 * WaitTime.of(Duration.ofSeconds(5), Duration.ofMinutes(90))
 * }</pre>
 *
 * @param pollDelay the time from the start of one poll to the start of the next
 * @param maxWait the longest the whole wait may take before the build fails
 */
public record WaitTime(Duration pollDelay, Duration maxWait) {
    /** Neither duration may be null. */
    public WaitTime {
        Objects.requireNonNull(pollDelay, "pollDelay");
        Objects.requireNonNull(maxWait, "maxWait");
    }

    /** A poll delay and a maximum wait. */
    public static WaitTime of(Duration pollDelay, Duration maxWait) {
        return new WaitTime(pollDelay, maxWait);
    }
}
