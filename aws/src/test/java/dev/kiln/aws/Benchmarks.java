package dev.kiln.aws;

import dev.kiln.testkit.ec2.Ec2Call;
import dev.kiln.testkit.ec2.Latencies;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the amazon-ebs benchmarks share (here and in kiln-cli, through this module's test-jar): the scale of
 * LocalEc2's latency profile ({@code -Dkiln.bench.scale}) and the number of builds per tool
 * ({@code -Dkiln.bench.builds}), Kiln's amazon-ebs source as a user would configure it, the measurement of one run
 * (wall time, instance-seconds from LocalEc2's clock, OS boot time, the EC2 calls it made), a series of runs on a
 * seeded LocalEc2, and their overhead above the floor, mean and spread.
 *
 * <pre>{@code
 * Benchmarks.Run kiln = Benchmarks.measure("kiln", ec2, () -> kiln.build(spec));
 * System.out.printf("%.1f s%n", Benchmarks.seconds(kiln.wall()));
 * }</pre>
 */
public final class Benchmarks {

    /**
     * One measured run; {@code osBoot} is the time its instances' OS took to boot after {@code running} (summed
     * when it launched more than one), {@code toRunInstances} the time from its start to its first RunInstances
     * call (zero when it made none), {@code failure} is empty when it succeeded.
     *
     * @param name the run's name in the output, e.g. {@code packer-tuned #2}
     * @param wall the run's wall time
     * @param instanceTime instance-seconds, RunInstances to TerminateInstances on LocalEc2's clock
     * @param osBoot the OS boot time of the run's instances
     * @param toRunInstances the run's start to its first RunInstances call
     * @param failure why the run failed; empty when it succeeded
     */
    public record Run(String name, Duration wall, Duration instanceTime, Duration osBoot, Duration toRunInstances,
            String failure) {
    }

    /** A run's body. */
    @FunctionalInterface
    public interface Body {
        /** Does the work measured. */
        void run() throws Exception;
    }

    /** A build to repeat on one LocalEc2, named {@code run} in the output ({@code packer-tuned #2}). */
    @FunctionalInterface
    public interface Build {
        /** Builds once against {@code ec2}. */
        void run(LocalEc2 ec2, String run) throws Exception;
    }

    private Benchmarks() {
    }

    /** The factor for {@code Latencies.realistic()}: {@code -Dkiln.bench.scale}, 1 unless set. */
    public static double scale() {
        return Double.parseDouble(System.getProperty("kiln.bench.scale", "1.0"));
    }

    /** How many builds each tool makes: {@code -Dkiln.bench.builds}, 2 unless set. */
    public static int builds() {
        return Integer.getInteger("kiln.bench.builds", 2);
    }

    /** The floor of one amazon-ebs build: launch, stop, image and terminate latencies, the waits on its path. */
    public static Duration floor(Latencies latencies) {
        return latencies.instanceLaunch().plus(latencies.instanceStop()).plus(latencies.imageCreate())
                .plus(latencies.instanceTerminate());
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
     * Runs {@code build} {@code count} times on a new LocalEc2 with {@code latencies} seeded with {@code seed}, so
     * that the n-th build of every series waits for the same OS boot time, and prints what it leaked.
     */
    public static List<Run> series(String name, int count, LocalMachineHost host, Latencies latencies, long seed,
            Build build) throws Exception {
        List<Run> runs = new ArrayList<>();
        try (LocalEc2 ec2 = LocalEc2.builder().machineHost(host).latencies(latencies).randomSeed(seed).start()) {
            for (int n = 1; n <= count; n++) {
                String runName = count == 1 ? name : name + " #" + n;
                runs.add(measure(runName, ec2, () -> build.run(ec2, runName)));
            }
            System.out.println("Leaks after " + name + ": " + ec2.leaks());
        }
        return runs;
    }

    /**
     * Runs {@code body}, measures it and prints its EC2 calls. A run that fails with an
     * {@link IllegalStateException} (see {@link #check}) is reported with its reason rather than stopping the
     * benchmark.
     */
    public static Run measure(String name, LocalEc2 ec2, Body body) throws Exception {
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
        Duration toRunInstances = calls.stream().filter(c -> c.action().equals("RunInstances")).findFirst()
                .map(c -> Duration.between(started, c.time())).orElse(Duration.ZERO);
        Run run = new Run(name, wall, ec2.instanceTime().minus(instanceBefore), osBoot, toRunInstances, failure);
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

    /** A run's wall time above {@code floor} and its OS boot time, in seconds. */
    public static double overhead(Run run, Duration floor) {
        return seconds(run.wall().minus(floor).minus(run.osBoot()));
    }

    /** The mean of {@code value} over {@code runs}. */
    public static double mean(List<Run> runs, ToDoubleFunction<Run> value) {
        return runs.stream().mapToDouble(value).average().orElseThrow();
    }

    /** {@code value} over {@code runs} as {@code mean +- sample standard deviation (min..max)}, or one value. */
    public static String spread(List<Run> runs, ToDoubleFunction<Run> value) {
        double mean = mean(runs, value);
        double min = runs.stream().mapToDouble(value).min().orElseThrow();
        double max = runs.stream().mapToDouble(value).max().orElseThrow();
        if (runs.size() == 1) {
            return String.format("%.1f", mean);
        }
        double squares = runs.stream().mapToDouble(r -> Math.pow(value.applyAsDouble(r) - mean, 2)).sum();
        return String.format("%.1f +- %.1f (%.1f..%.1f)", mean, Math.sqrt(squares / (runs.size() - 1)), min, max);
    }

    /** Fails the run with {@code message} unless {@code condition} holds. */
    public static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** {@code d} in seconds, to the millisecond. */
    public static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
