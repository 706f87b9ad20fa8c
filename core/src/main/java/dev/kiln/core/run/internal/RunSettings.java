package dev.kiln.core.run.internal;

import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.OnError;
import dev.kiln.core.spec.Variables;
import java.time.Clock;

/**
 * What every source of one run shares: the session, the spec's identity, the policy, the listeners, the
 * secrets and the cancellation.
 *
 * @param sessionId the run's UUID
 * @param imageName the spec's name
 * @param fingerprint the spec's fingerprint
 * @param variables the spec's variables
 * @param onError what a failed source does with what it created
 * @param listener the masked, fault-tolerant listener
 * @param redactor the run's secrets
 * @param cancellation whether the run was cancelled
 * @param clock the clock for step times
 */
public record RunSettings(String sessionId, String imageName, String fingerprint, Variables variables,
        OnError onError, BuildListener listener, Redactor redactor, Cancellation cancellation, Clock clock) {
}
