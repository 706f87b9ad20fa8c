package dev.kiln.aws;

import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.testkit.ec2.Ec2Call;
import dev.kiln.testkit.ec2.Latencies;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The amazon-ebs benchmark: the same image built by Kiln and by Packer 1.6.6 (default polling, and tuned with
 * AWS_POLL_DELAY_SECONDS=1 plus AWS_MAX_ATTEMPTS=3600, since 1 s polls with Packer's default 40 attempts give up on
 * an AMI that takes a minute) against one LocalEc2 with its realistic latency profile, then 20 Kiln builds in
 * parallel from one JVM. Prints wall time, overhead above the floor (the sum of LocalEc2's latencies on the
 * build's path), instance-seconds and their ratios. It asserts nothing about time; it is excluded from the
 * normal test run. Run it with:
 *
 * <pre>
 * ./mvnw -B -pl aws -am verify -Dtest=AmazonEbsBenchmark -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dkiln.bench.scale=0.25]
 * </pre>
 * and read {@code aws/target/surefire-reports/dev.kiln.aws.AmazonEbsBenchmark-output.txt}.
 */
@Tag("benchmark")
class AmazonEbsBenchmark {
    private static final Path PACKER = Path.of("/usr/bin/packer");
    private static final int PARALLEL_BUILDS = 20;
    private static final Map<String, String> TUNED = Map.of("AWS_POLL_DELAY_SECONDS", "1", "AWS_MAX_ATTEMPTS", "3600");
    private static final String TEMPLATE = """
            {
              "builders": [{
                "type": "amazon-ebs", "region": "us-east-1", "source_ami": "SOURCE_AMI",
                "instance_type": "t2.micro", "ssh_username": "ec2-user", "ssh_port": SSH_PORT,
                "ami_name": "packer-bench-{{timestamp}}", "associate_public_ip_address": true,
                "custom_endpoint_ec2": "ENDPOINT", "skip_region_validation": true
              }],
              "provisioners": [{ "type": "shell", "inline": ["echo provisioned"] }]
            }
            """;

    /** One measured build; {@code failure} is empty when it succeeded. */
    private record Run(String name, Duration wall, Duration instanceTime, String failure) {
    }

    @Test
    void kilnAgainstPackerOnTheRealisticProfile(@TempDir Path dir) throws Exception {
        double scale = Double.parseDouble(System.getProperty("kiln.bench.scale", "1.0"));
        Latencies latencies = Latencies.realistic().scaledBy(scale);
        Duration floor = latencies.instanceLaunch().plus(latencies.instanceStop()).plus(latencies.imageCreate())
                .plus(latencies.instanceTerminate());
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("machines"))) {
            warmUpLocalEc2(host, dir.resolve("warm-up"));
            compare(host, latencies, floor, scale, dir);
        }
    }

    /**
     * LocalEc2 runs in this JVM, so whichever build goes first would also pay for its cold start (HTTP server,
     * machine boot, SSH server). One unmeasured Packer build on zero latencies warms it without touching any
     * class Kiln's side uses.
     */
    private static void warmUpLocalEc2(LocalMachineHost host, Path dir) throws Exception {
        try (LocalEc2 ec2 = LocalEc2.builder().machineHost(host).latencies(Latencies.fast()).start()) {
            long start = System.nanoTime();
            packer(ec2, dir, TUNED);
            System.out.printf("Warm-up: one Packer build on zero latencies in %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static void compare(LocalMachineHost host, Latencies latencies, Duration floor, double scale, Path dir)
            throws Exception {
        try (LocalEc2 ec2 = LocalEc2.builder().machineHost(host).latencies(latencies).start()) {
            Run kilnCold = measure("kiln-first", ec2, () -> kilnBuild(ec2));
            Run packerDefault = measure("packer-default", ec2, () -> packer(ec2, dir.resolve("default"), Map.of()));
            Run packerTuned = measure("packer-tuned", ec2, () -> packer(ec2, dir.resolve("tuned"), TUNED));
            Run kilnWarm = measure("kiln-next", ec2, () -> kilnBuild(ec2));

            System.out.printf("%nLatency profile: realistic x %.2f; floor (launch + stop + image + terminate) = %.1f s%n",
                    scale, seconds(floor));
            System.out.println("kiln-first is the first build of this JVM (SDK and SSH classes still to load); kiln-next is"
                    + " the next one, as in any process that builds more than once.");
            System.out.printf("%-16s %10s %12s %18s%n", "build", "wall s", "overhead s", "instance-seconds");
            for (Run run : List.of(kilnCold, kilnWarm, packerDefault, packerTuned)) {
                System.out.printf("%-16s %10.1f %12.1f %18.1f %s%n", run.name(), seconds(run.wall()),
                        seconds(run.wall().minus(floor)), seconds(run.instanceTime()),
                        run.failure().isEmpty() ? "" : "FAILED: " + run.failure());
            }
            for (Run kiln : List.of(kilnCold, kilnWarm)) {
                double overhead = seconds(kiln.wall().minus(floor));
                System.out.printf("%-10s overhead / Packer default overhead = %.2f (target <= 0.25)%n", kiln.name(),
                        overhead / seconds(packerDefault.wall().minus(floor)));
                System.out.printf("%-10s overhead / Packer tuned overhead   = %.2f (target <= 1.00)%n", kiln.name(),
                        overhead / seconds(packerTuned.wall().minus(floor)));
                System.out.printf("%-10s instance-seconds / Packer default  = %.2f (target <= 1.00)%n", kiln.name(),
                        seconds(kiln.instanceTime()) / seconds(packerDefault.instanceTime()));
                System.out.printf("%-10s instance-seconds / Packer tuned    = %.2f (target <= 1.00)%n", kiln.name(),
                        seconds(kiln.instanceTime()) / seconds(packerTuned.instanceTime()));
            }

            parallelBuilds(ec2);
            System.out.println("Leaks after every build: " + ec2.leaks());
        }
    }

    private static void parallelBuilds(LocalEc2 ec2) throws Exception {
        ImageSpec.SpecBuilder spec = ImageSpec.builder("kiln-parallel");
        for (int i = 0; i < PARALLEL_BUILDS; i++) {
            spec.source(kilnSource(ec2, "source-" + i));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Runtime rt = Runtime.getRuntime();
                peakHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        BuildResult result = Kiln.builder().parallelism(PARALLEL_BUILDS).build().build(spec.provision(
                dev.kiln.core.provision.Provisioners.shell().inline("echo provisioned").build()).build());
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        sampler.interrupt();
        System.out.printf("%n%d parallel Kiln builds in one JVM: %s, wall %.1f s, peak heap used %d MiB, peak threads %d%n",
                PARALLEL_BUILDS, result.succeeded() ? "all succeeded" : "FAILURES " + result.failures(), seconds(wall),
                peakHeap.get() / (1024 * 1024), threads.getPeakThreadCount());
    }

    private static void kilnBuild(LocalEc2 ec2) {
        BuildResult result = Kiln.create().build(spec("kiln-bench", kilnSource(ec2, "amazon-ebs")));
        check(result.succeeded(), "Kiln build failed: " + result);
        result.sources().get(0).steps().forEach(step -> System.out.printf("  kiln step %-24s %6.1f s%n",
                step.name(), seconds(step.duration())));
    }

    private static AmazonEbs kilnSource(LocalEc2 ec2, String name) {
        return LocalEc2Fixture.seedBuild(ec2.endpoint(), ec2.accessKeyId(), ec2.secretAccessKey(), ec2.sshPort(),
                        "kiln-bench-" + name + "-" + System.nanoTime())
                .name(name).sshTimeout(Duration.ofMinutes(5)).waits(Waits.defaults()).build();
    }

    private static ImageSpec spec(String name, AmazonEbs source) {
        return ImageSpec.builder(name).source(source)
                .provision(dev.kiln.core.provision.Provisioners.shell().inline("echo provisioned").build()).build();
    }

    /** Runs a build and measures it; a failed build is reported with its reason rather than stopping the benchmark. */
    private static Run measure(String name, LocalEc2 ec2, Callable0 build) throws Exception {
        Duration instanceBefore = ec2.instanceTime();
        int callsBefore = ec2.calls().size();
        java.time.Instant started = java.time.Instant.now();
        long start = System.nanoTime();
        String failure = "";
        try {
            build.call();
        } catch (IllegalStateException e) {
            failure = e.getMessage().lines().filter(l -> l.contains("errored")).findFirst().orElse(e.getMessage());
        }
        Run run = new Run(name, Duration.ofNanos(System.nanoTime() - start), ec2.instanceTime().minus(instanceBefore), failure);
        printCallLog(name, started, ec2.calls().subList(callsBefore, ec2.calls().size()));
        return run;
    }

    /** Prints each EC2 call of a build at its time since the build started, so gaps and late polls show. */
    private static void printCallLog(String name, java.time.Instant started, List<Ec2Call> calls) {
        System.out.printf("%nEC2 calls of %s (seconds since the build started):%n", name);
        for (Ec2Call call : calls) {
            System.out.printf("  %s %7.2f %-28s %s%n", name, seconds(Duration.between(started, call.time())), call.action(),
                    call.failed() ? call.errorCode() : "");
        }
    }

    @FunctionalInterface
    private interface Callable0 {
        void call() throws Exception;
    }

    private static void packer(LocalEc2 ec2, Path dir, Map<String, String> extraEnv) throws IOException, InterruptedException {
        check(Files.isExecutable(PACKER), "Packer 1.6.6 is needed: apt-get install packer");
        Files.createDirectories(dir);
        Path template = Files.writeString(dir.resolve("bench.json"), TEMPLATE.replace("ENDPOINT", ec2.endpoint().toString())
                .replace("SSH_PORT", String.valueOf(ec2.sshPort()))
                .replace("SOURCE_AMI", dev.kiln.testkit.ec2.BaseImage.AMAZON_LINUX_2.id()));
        ProcessBuilder pb = new ProcessBuilder(PACKER.toString(), "build", "-color=false", template.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("packer.out").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("PACKER_"));
        env.putAll(ec2.clientEnvironment());
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("HOME", dir.toString());
        env.putAll(extraEnv);
        Process process = pb.start();
        check(process.waitFor(30, TimeUnit.MINUTES), "packer did not finish in 30 minutes");
        check(process.exitValue() == 0, "packer failed:\n" + Files.readString(dir.resolve("packer.out")));
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
