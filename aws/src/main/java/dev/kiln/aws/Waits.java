package dev.kiln.aws;

import dev.kiln.core.spec.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The poll delay and maximum wait of each EC2 state the build waits for. An AMI may take a long time to
 * become available, so that wait defaults to 90 minutes (Packer gives up after 30 minutes: 120 polls of 15 s).
 *
 * <pre>{@code
 * Waits.builder().imageAvailable(WaitTime.of(Duration.ofSeconds(10), Duration.ofHours(2))).build()
 * }</pre>
 */
public final class Waits {
    private static final Duration INSTANCE_POLL = Duration.ofSeconds(1);
    private static final Duration IMAGE_POLL = Duration.ofSeconds(1);
    private final WaitTime instanceRunning;
    private final WaitTime instanceStopped;
    private final WaitTime instanceTerminated;
    private final WaitTime imageAvailable;
    private final WaitTime securityGroupVisible;

    private Waits(Builder b) {
        instanceRunning = b.instanceRunning;
        instanceStopped = b.instanceStopped;
        instanceTerminated = b.instanceTerminated;
        imageAvailable = b.imageAvailable;
        securityGroupVisible = b.securityGroupVisible;
    }

    /** The defaults: every state polled each second; instances for up to 15 min, images for up to 90 min. */
    public static Waits defaults() {
        return builder().build();
    }

    /** Starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every wait polled every {@code pollDelay} for at most {@code maxWait}; handy against LocalEc2. */
    public static Waits all(WaitTime time) {
        return builder().instanceRunning(time).instanceStopped(time).instanceTerminated(time)
                .imageAvailable(time).securityGroupVisible(time).build();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder().instanceRunning(instanceRunning).instanceStopped(instanceStopped)
                .instanceTerminated(instanceTerminated).imageAvailable(imageAvailable)
                .securityGroupVisible(securityGroupVisible);
    }

    /** The wait for the source instance to be {@code running}. */
    public WaitTime instanceRunning() {
        return instanceRunning;
    }

    /** The wait for the source instance to be {@code stopped} before CreateImage. */
    public WaitTime instanceStopped() {
        return instanceStopped;
    }

    /** The wait for the source instance to be {@code terminated} during cleanup. */
    public WaitTime instanceTerminated() {
        return instanceTerminated;
    }

    /** The wait for each AMI (and each region copy) to be {@code available}. */
    public WaitTime imageAvailable() {
        return imageAvailable;
    }

    /** The wait for a new temporary security group to be visible before it is used. */
    public WaitTime securityGroupVisible() {
        return securityGroupVisible;
    }

    List<Problem> validate(String field) {
        List<Problem> problems = new ArrayList<>();
        check(problems, field + ".instanceRunning", instanceRunning);
        check(problems, field + ".instanceStopped", instanceStopped);
        check(problems, field + ".instanceTerminated", instanceTerminated);
        check(problems, field + ".imageAvailable", imageAvailable);
        check(problems, field + ".securityGroupVisible", securityGroupVisible);
        return problems;
    }

    private static void check(List<Problem> problems, String field, WaitTime time) {
        if (time.pollDelay().isNegative() || time.pollDelay().isZero()) {
            problems.add(new Problem(field + ".pollDelay", "is " + time.pollDelay() + ", not positive",
                    "give a positive delay, e.g. Duration.ofSeconds(5)"));
        }
        if (time.maxWait().isNegative() || time.maxWait().isZero()) {
            problems.add(new Problem(field + ".maxWait", "is " + time.maxWait() + ", not positive",
                    "give a positive maximum wait, e.g. Duration.ofMinutes(15)"));
        } else if (time.pollDelay().compareTo(time.maxWait()) > 0) {
            problems.add(new Problem(field, "polls every " + time.pollDelay() + " but waits at most " + time.maxWait(),
                    "make pollDelay shorter than maxWait"));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Waits w && instanceRunning.equals(w.instanceRunning)
                && instanceStopped.equals(w.instanceStopped) && instanceTerminated.equals(w.instanceTerminated)
                && imageAvailable.equals(w.imageAvailable) && securityGroupVisible.equals(w.securityGroupVisible);
    }

    @Override
    public int hashCode() {
        return Objects.hash(instanceRunning, instanceStopped, instanceTerminated, imageAvailable,
                securityGroupVisible);
    }

    @Override
    public String toString() {
        return "Waits{instanceRunning=" + instanceRunning + ", instanceStopped=" + instanceStopped
                + ", instanceTerminated=" + instanceTerminated + ", imageAvailable=" + imageAvailable
                + ", securityGroupVisible=" + securityGroupVisible + "}";
    }

    /** Collects wait times; each starts at its default. */
    public static final class Builder {
        private WaitTime instanceRunning = WaitTime.of(INSTANCE_POLL, Duration.ofMinutes(15));
        private WaitTime instanceStopped = WaitTime.of(INSTANCE_POLL, Duration.ofMinutes(15));
        private WaitTime instanceTerminated = WaitTime.of(INSTANCE_POLL, Duration.ofMinutes(15));
        private WaitTime imageAvailable = WaitTime.of(IMAGE_POLL, Duration.ofMinutes(90));
        private WaitTime securityGroupVisible = WaitTime.of(Duration.ofSeconds(1), Duration.ofMinutes(2));

        private Builder() {
        }

        /** Sets the wait for {@code running}. */
        public Builder instanceRunning(WaitTime time) {
            instanceRunning = Objects.requireNonNull(time, "instanceRunning");
            return this;
        }

        /** Sets the wait for {@code stopped}. */
        public Builder instanceStopped(WaitTime time) {
            instanceStopped = Objects.requireNonNull(time, "instanceStopped");
            return this;
        }

        /** Sets the wait for {@code terminated}. */
        public Builder instanceTerminated(WaitTime time) {
            instanceTerminated = Objects.requireNonNull(time, "instanceTerminated");
            return this;
        }

        /** Sets the wait for an AMI to be {@code available}. */
        public Builder imageAvailable(WaitTime time) {
            imageAvailable = Objects.requireNonNull(time, "imageAvailable");
            return this;
        }

        /** Sets the wait for a temporary security group to be visible. */
        public Builder securityGroupVisible(WaitTime time) {
            securityGroupVisible = Objects.requireNonNull(time, "securityGroupVisible");
            return this;
        }

        /** The wait times. */
        public Waits build() {
            return new Waits(this);
        }
    }
}
