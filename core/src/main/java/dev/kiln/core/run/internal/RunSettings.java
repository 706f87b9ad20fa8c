package dev.kiln.core.run.internal;

import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.OnError;
import dev.kiln.core.run.UpstreamImage;
import dev.kiln.core.spec.Variables;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * What every source of one run shares: the session, the spec's identity, the policy, the listeners, the
 * secrets and the cancellation.
 *
 * @param sessionId the run's UUID
 * @param imageName the spec's name
 * @param fingerprint the spec's fingerprint, including those of its upstream images
 * @param upstream the images this spec is built from, by name
 * @param variables the spec's variables
 * @param onError what a failed source does with what it created
 * @param listener the masked, fault-tolerant listener
 * @param redactor the run's secrets
 * @param cancellation whether the run was cancelled
 * @param clock the clock for step times
 */
public record RunSettings(String sessionId, String imageName, String fingerprint,
        Map<String, UpstreamImage> upstream, Variables variables,
        OnError onError, BuildListener listener, Redactor redactor, Cancellation cancellation, Clock clock) {

    /** Now, by the run's clock: the time of an event. */
    public Instant now() {
        return clock.instant();
    }
}
