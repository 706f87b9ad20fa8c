package dev.kiln.testkit.ec2;

import java.time.Duration;
import java.util.Objects;

/**
 * How long LocalEc2's instances and images stay in their in-between states. The default, {@link #fast()},
 * moves on at once (tests); {@link #realistic()} is close to what AWS takes (benchmarks). Machine boot time
 * comes on top of {@link #instanceLaunch()}. Stopping and terminating stop the machine at once and the state
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

    private Latencies(Builder b) {
        this.instanceLaunch = b.instanceLaunch;
        this.instanceStart = b.instanceStart;
        this.instanceStop = b.instanceStop;
        this.instanceTerminate = b.instanceTerminate;
        this.imageCreate = b.imageCreate;
        this.imageCopy = b.imageCopy;
    }

    /** No added latency: every state change happens as soon as the machine behind it is ready. */
    public static Latencies fast() {
        return builder().build();
    }

    /** Roughly what AWS takes for a small instance and an 8 GiB root volume. */
    public static Latencies realistic() {
        return builder()
                .instanceLaunch(Duration.ofSeconds(15))
                .instanceStart(Duration.ofSeconds(10))
                .instanceStop(Duration.ofSeconds(30))
                .instanceTerminate(Duration.ofSeconds(30))
                .imageCreate(Duration.ofSeconds(60))
                .imageCopy(Duration.ofSeconds(120))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

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

    @Override
    public String toString() {
        return "Latencies[launch=" + instanceLaunch + ", start=" + instanceStart + ", stop=" + instanceStop
                + ", terminate=" + instanceTerminate + ", imageCreate=" + imageCreate + ", imageCopy=" + imageCopy + "]";
    }

    /** Builds {@link Latencies}; every value defaults to zero. */
    public static final class Builder {
        private Duration instanceLaunch = Duration.ZERO;
        private Duration instanceStart = Duration.ZERO;
        private Duration instanceStop = Duration.ZERO;
        private Duration instanceTerminate = Duration.ZERO;
        private Duration imageCreate = Duration.ZERO;
        private Duration imageCopy = Duration.ZERO;

        private Builder() {
        }

        private Builder(Latencies l) {
            instanceLaunch = l.instanceLaunch;
            instanceStart = l.instanceStart;
            instanceStop = l.instanceStop;
            instanceTerminate = l.instanceTerminate;
            imageCreate = l.imageCreate;
            imageCopy = l.imageCopy;
        }

        public Builder instanceLaunch(Duration d) {
            instanceLaunch = checked(d, "instanceLaunch");
            return this;
        }

        public Builder instanceStart(Duration d) {
            instanceStart = checked(d, "instanceStart");
            return this;
        }

        public Builder instanceStop(Duration d) {
            instanceStop = checked(d, "instanceStop");
            return this;
        }

        public Builder instanceTerminate(Duration d) {
            instanceTerminate = checked(d, "instanceTerminate");
            return this;
        }

        public Builder imageCreate(Duration d) {
            imageCreate = checked(d, "imageCreate");
            return this;
        }

        public Builder imageCopy(Duration d) {
            imageCopy = checked(d, "imageCopy");
            return this;
        }

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
