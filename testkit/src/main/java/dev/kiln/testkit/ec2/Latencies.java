package dev.kiln.testkit.ec2;

import java.time.Duration;
import java.util.Objects;

/**
 * How long LocalEc2's instances and images stay in their in-between states. The default, {@link #fast()},
 * moves on at once (tests); {@link #realistic()} is close to what AWS takes (benchmarks). Machine boot time
 * comes on top of {@link #instanceLaunch()}. Once an instance is {@code running} its OS still boots: its sshd
 * listens only after a time drawn for each boot between {@link #osBootMin()} and {@link #osBootMax()}, from
 * LocalEc2's random seed, and refuses connections until then, as a closed port does. Stopping and terminating
 * stop the machine at once and the state
 * follows after the latency; an image's files are copied at CreateImage, point-in-time as EBS snapshots are,
 * and the image is available after the latency.
 *
 * <pre>{@code
 * LocalEc2.builder().latencies(Latencies.realistic().scaledBy(0.1)).start();
 * LocalEc2.builder().latencies(Latencies.fast().toBuilder().imageCreate(Duration.ofSeconds(2)).build()).start();
 * }</pre>
 */
public final class Latencies {
    private final Duration instanceLaunch;
    private final Duration instanceStart;
    private final Duration instanceStop;
    private final Duration instanceTerminate;
    private final Duration imageCreate;
    private final Duration imageCopy;
    private final Duration osBootMin;
    private final Duration osBootMax;

    private Latencies(Builder b) {
        this.instanceLaunch = b.instanceLaunch;
        this.instanceStart = b.instanceStart;
        this.instanceStop = b.instanceStop;
        this.instanceTerminate = b.instanceTerminate;
        this.imageCreate = b.imageCreate;
        this.imageCopy = b.imageCopy;
        this.osBootMin = b.osBootMin;
        this.osBootMax = b.osBootMax;
    }

    /** No added latency: every state change happens as soon as the machine behind it is ready. */
    public static Latencies fast() {
        return builder().build();
    }

    /**
     * Roughly what AWS takes for a small instance and an 8 GiB root volume. The OS boots in 8 to 20 s after
     * {@code running}: a measured Amazon Linux 2023 launch (github.com/brevdev/ec2-coldboot-research) logged in
     * over SSH 21 s after RunInstances, 3.2 s after {@code aws ec2 wait instance-running} returned, a waiter that
     * polls every 15 s and so returns up to 15 s after the state changed; Amazon Linux 2 and Ubuntu on older
     * instance types boot slower.
     */
    public static Latencies realistic() {
        return builder()
                .instanceLaunch(Duration.ofSeconds(15))
                .instanceStart(Duration.ofSeconds(10))
                .instanceStop(Duration.ofSeconds(30))
                .instanceTerminate(Duration.ofSeconds(30))
                .imageCreate(Duration.ofSeconds(60))
                .imageCopy(Duration.ofSeconds(120))
                .osBoot(Duration.ofSeconds(8), Duration.ofSeconds(20))
                .build();
    }

    /** A builder with every latency zero. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these latencies. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Every latency multiplied by {@code factor}, e.g. {@code realistic().scaledBy(0.1)} for a quick benchmark. */
    public Latencies scaledBy(double factor) {
        if (!(factor >= 0)) {
            throw new IllegalArgumentException("factor must be >= 0, got " + factor);
        }
        return builder()
                .instanceLaunch(scale(instanceLaunch, factor))
                .instanceStart(scale(instanceStart, factor))
                .instanceStop(scale(instanceStop, factor))
                .instanceTerminate(scale(instanceTerminate, factor))
                .imageCreate(scale(imageCreate, factor))
                .imageCopy(scale(imageCopy, factor))
                .osBoot(scale(osBootMin, factor), scale(osBootMax, factor))
                .build();
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofNanos((long) (d.toNanos() * factor));
    }

    /** pending to running after RunInstances. */
    public Duration instanceLaunch() {
        return instanceLaunch;
    }

    /** pending to running after StartInstances. */
    public Duration instanceStart() {
        return instanceStart;
    }

    /** stopping to stopped. */
    public Duration instanceStop() {
        return instanceStop;
    }

    /** shutting-down to terminated. */
    public Duration instanceTerminate() {
        return instanceTerminate;
    }

    /** CreateImage: pending to available (or failed). */
    public Duration imageCreate() {
        return imageCreate;
    }

    /** CopyImage: pending to available (or failed). */
    public Duration imageCopy() {
        return imageCopy;
    }

    /** The shortest time from {@code running} (after a launch or a start) until the instance's sshd listens. */
    public Duration osBootMin() {
        return osBootMin;
    }

    /** The longest time from {@code running} (after a launch or a start) until the instance's sshd listens. */
    public Duration osBootMax() {
        return osBootMax;
    }

    @Override
    public String toString() {
        return "Latencies[launch=" + instanceLaunch + ", start=" + instanceStart + ", stop=" + instanceStop
                + ", terminate=" + instanceTerminate + ", imageCreate=" + imageCreate + ", imageCopy=" + imageCopy
                + ", osBoot=" + osBootMin + ".." + osBootMax + "]";
    }

    /** Builds {@link Latencies}; every value defaults to zero. */
    public static final class Builder {
        private Duration instanceLaunch = Duration.ZERO;
        private Duration instanceStart = Duration.ZERO;
        private Duration instanceStop = Duration.ZERO;
        private Duration instanceTerminate = Duration.ZERO;
        private Duration imageCreate = Duration.ZERO;
        private Duration imageCopy = Duration.ZERO;
        private Duration osBootMin = Duration.ZERO;
        private Duration osBootMax = Duration.ZERO;

        private Builder() {
        }

        private Builder(Latencies l) {
            instanceLaunch = l.instanceLaunch;
            instanceStart = l.instanceStart;
            instanceStop = l.instanceStop;
            instanceTerminate = l.instanceTerminate;
            imageCreate = l.imageCreate;
            imageCopy = l.imageCopy;
            osBootMin = l.osBootMin;
            osBootMax = l.osBootMax;
        }

        /** Sets {@link Latencies#instanceLaunch()}. */
        public Builder instanceLaunch(Duration d) {
            instanceLaunch = checked(d, "instanceLaunch");
            return this;
        }

        /** Sets {@link Latencies#instanceStart()}. */
        public Builder instanceStart(Duration d) {
            instanceStart = checked(d, "instanceStart");
            return this;
        }

        /** Sets {@link Latencies#instanceStop()}. */
        public Builder instanceStop(Duration d) {
            instanceStop = checked(d, "instanceStop");
            return this;
        }

        /** Sets {@link Latencies#instanceTerminate()}. */
        public Builder instanceTerminate(Duration d) {
            instanceTerminate = checked(d, "instanceTerminate");
            return this;
        }

        /** Sets {@link Latencies#imageCreate()}. */
        public Builder imageCreate(Duration d) {
            imageCreate = checked(d, "imageCreate");
            return this;
        }

        /** Sets {@link Latencies#imageCopy()}. */
        public Builder imageCopy(Duration d) {
            imageCopy = checked(d, "imageCopy");
            return this;
        }

        /**
         * How long each boot of an instance's OS takes after {@code running}, until its sshd listens: drawn
         * uniformly between {@code min} and {@code max} for every launch and start. Zero (the default) listens at
         * once.
         */
        public Builder osBoot(Duration min, Duration max) {
            checked(min, "osBoot min");
            checked(max, "osBoot max");
            if (min.compareTo(max) > 0) {
                throw new IllegalArgumentException("osBoot min must not be above max, got " + min + " > " + max
                        + "; for a fixed boot time pass the same value twice");
            }
            osBootMin = min;
            osBootMax = max;
            return this;
        }

        /** Builds the latencies. */
        public Latencies build() {
            return new Latencies(this);
        }

        private static Duration checked(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
