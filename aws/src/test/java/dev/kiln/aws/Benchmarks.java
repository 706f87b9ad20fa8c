package dev.kiln.aws;

import dev.kiln.testkit.ec2.Ec2Call;
import dev.kiln.testkit.ec2.LocalEc2;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the amazon-ebs benchmarks share: the scale of LocalEc2's latency profile ({@code -Dkiln.bench.scale}),
 * Kiln's amazon-ebs source as a user would configure it, and the measurement of one run (wall time,
 * instance-seconds from LocalEc2's clock, and the EC2 calls it made).
 *
 * <pre>{@code
 * Benchmarks.Run kiln = Benchmarks.measure("kiln", ec2, () -> kiln.build(spec));
 * System.out.printf("%.1f s%n", Benchmarks.seconds(kiln.wall()));
 * }</pre>
 */
final class Benchmarks {

    /**
     * One measured run; {@code osBoot} is the time its instances' OS took to boot after {@code running} (summed
     * when it launched more than one), {@code failure} is empty when it succeeded.
     */
    record Run(String name, Duration wall, Duration instanceTime, Duration osBoot, String failure) {
    }

    /** A run's body. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private Benchmarks() {
    }

    /** The factor for {@code Latencies.realistic()}: {@code -Dkiln.bench.scale}, 1 unless set. */
    static double scale() {
        return Double.parseDouble(System.getProperty("kiln.bench.scale", "1.0"));
    }

    /**
     * The seed article's amazon-ebs source against {@code ec2}, with a unique AMI name, the SDK's default waits
     * and a 5-minute SSH timeout, as a user would configure it.
     */
    static AmazonEbs.Builder kilnSource(LocalEc2 ec2, String name) {
        return LocalEc2Fixture.seedBuild(ec2.endpoint(), ec2.accessKeyId(), ec2.secretAccessKey(), ec2.sshPort(),
                        "kiln-bench-" + name + "-" + System.nanoTime())
                .name(name).sshTimeout(Duration.ofMinutes(5)).waits(Waits.defaults());
    }

    /**
     * Runs {@code body}, measures it and prints its EC2 calls. A run that fails with an
     * {@link IllegalStateException} (see {@link #check}) is reported with its reason rather than stopping the
     * benchmark.
     */
    static Run measure(String name, LocalEc2 ec2, Body body) throws Exception {
        Duration instanceBefore = ec2.instanceTime();
        int callsBefore = ec2.calls().size();
        Instant started = Instant.now();
        long start = System.nanoTime();
        String failure = "";
        try {
            body.run();
        } catch (IllegalStateException e) {
            failure = e.getMessage().lines().filter(l -> l.contains("errored")).findFirst().orElse(e.getMessage());
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        List<Ec2Call> calls = ec2.calls().subList(callsBefore, ec2.calls().size());
        Duration osBoot = calls.stream().filter(c -> c.action().equals("RunInstances"))
                .flatMap(c -> c.createdIds().stream()).filter(id -> id.startsWith("i-"))
                .map(ec2::osBootTime).reduce(Duration.ZERO, Duration::plus);
        Run run = new Run(name, wall, ec2.instanceTime().minus(instanceBefore), osBoot, failure);
        printCallLog(name, started, calls);
        return run;
    }

    /** Prints each EC2 call of a run at its time since the run started, so gaps and late polls show. */
    private static void printCallLog(String name, Instant started, List<Ec2Call> calls) {
        System.out.printf("%nEC2 calls of %s (seconds since the build started):%n", name);
        for (Ec2Call call : calls) {
            System.out.printf("  %s %7.2f %-28s %s%n", name, seconds(Duration.between(started, call.time())),
                    call.action(), call.failed() ? call.errorCode() : "");
        }
    }

    /** Fails the run with {@code message} unless {@code condition} holds. */
    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** {@code d} in seconds, to the millisecond. */
    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
