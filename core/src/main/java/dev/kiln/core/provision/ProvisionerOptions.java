package dev.kiln.core.provision;

import dev.kiln.core.provision.internal.GuardedProvisioner;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the runner runs any one provisioner: a pause before it, how often to retry it after a failure, and how
 * long each attempt may take (Packer's {@code pause_before}, {@code max_retries} and {@code timeout}).
 *
 * <pre>{@code
 * spec.provision(script, o -> o.pauseBefore(Duration.ofSeconds(10)).maxRetries(2).timeout(Duration.ofMinutes(5)));
 * }</pre>
 *
 * @param pauseBefore how long to wait before the first attempt; zero for no pause
 * @param maxRetries how many times to run the provisioner again after a failed attempt
 * @param timeout how long one attempt may run before it is interrupted; zero for no limit
 */
public record ProvisionerOptions(Duration pauseBefore, int maxRetries, Duration timeout) {
    private static final ProvisionerOptions DEFAULTS = new ProvisionerOptions(Duration.ZERO, 0, Duration.ZERO);

    /** The durations may not be null; {@link #validate()} reports the other problems. */
    public ProvisionerOptions {
        Objects.requireNonNull(pauseBefore, "pauseBefore");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** No pause, no retry, no time limit. */
    public static ProvisionerOptions defaults() {
        return DEFAULTS;
    }

    /** Starts from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Every problem with these options. */
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        if (pauseBefore.isNegative()) {
            problems.add(new Problem("pauseBefore", "is negative: " + pauseBefore, "use zero or a positive duration"));
        }
        if (maxRetries < 0) {
            problems.add(new Problem("maxRetries", "is negative: " + maxRetries, "use 0 (no retry) or more"));
        }
        if (timeout.isNegative()) {
            problems.add(new Problem("timeout", "is negative: " + timeout, "use zero (no limit) or a positive duration"));
        }
        return problems;
    }

    /** Adds the options to a fingerprint. */
    public void fingerprint(Fingerprinter fingerprinter) {
        fingerprinter.put("pauseBefore", pauseBefore.toString())
                .put("maxRetries", Integer.toString(maxRetries))
                .put("timeout", timeout.toString());
    }

    /**
     * Wraps a provisioner so that running it pauses, retries and times out as these options say. The runner
     * calls this; the provisioner itself knows nothing of it.
     */
    public Provisioner applyTo(Provisioner provisioner) {
        return equals(DEFAULTS) ? provisioner : new GuardedProvisioner(provisioner, this);
    }

    /** Collects provisioner options. */
    public static final class Builder {
        private Duration pauseBefore;
        private int maxRetries;
        private Duration timeout;

        private Builder(ProvisionerOptions from) {
            pauseBefore = from.pauseBefore;
            maxRetries = from.maxRetries;
            timeout = from.timeout;
        }

        /** Waits this long before the provisioner runs. */
        public Builder pauseBefore(Duration pauseBefore) {
            this.pauseBefore = Objects.requireNonNull(pauseBefore, "pauseBefore");
            return this;
        }

        /** Runs the provisioner again up to this many times when an attempt fails. */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** Interrupts an attempt that runs longer than this. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The options; check them with {@link ProvisionerOptions#validate()}. */
        public ProvisionerOptions build() {
            return new ProvisionerOptions(pauseBefore, maxRetries, timeout);
        }
    }
}
