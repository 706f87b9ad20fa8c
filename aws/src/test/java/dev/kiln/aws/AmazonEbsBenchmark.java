package dev.kiln.aws;

import static dev.kiln.aws.Benchmarks.check;
import static dev.kiln.aws.Benchmarks.kilnSource;
import static dev.kiln.aws.Benchmarks.measure;
import static dev.kiln.aws.Benchmarks.seconds;

import dev.kiln.aws.Benchmarks.Run;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.Latencies;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private static final int PARALLEL_BUILDS = 20;

    @Test
    void kilnAgainstPackerOnTheRealisticProfile(@TempDir Path dir) throws Exception {
        double scale = Benchmarks.scale();
        Latencies latencies = Latencies.realistic().scaledBy(scale);
        Duration floor = latencies.instanceLaunch().plus(latencies.instanceStop()).plus(latencies.imageCreate())
                .plus(latencies.instanceTerminate());
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("machines"))) {
            LocalPacker.warmUp(host, dir.resolve("warm-up"));
            compare(host, latencies, floor, scale, dir);
        }
    }

    private static void compare(LocalMachineHost host, Latencies latencies, Duration floor, double scale, Path dir)
            throws Exception {
        try (LocalEc2 ec2 = LocalEc2.builder().machineHost(host).latencies(latencies).start()) {
            Run kilnCold = measure("kiln-first", ec2, () -> kilnBuild(ec2));
            Run packerDefault = measure("packer-default", ec2, () -> packer(ec2, dir.resolve("default"), Map.of()));
            Run packerTuned = measure("packer-tuned", ec2, () -> packer(ec2, dir.resolve("tuned"), LocalPacker.TUNED));
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
            spec.source(kilnSource(ec2, "source-" + i).build());
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
        BuildResult result = Kiln.create().build(spec("kiln-bench", kilnSource(ec2, "amazon-ebs").build()));
        check(result.succeeded(), "Kiln build failed: " + result);
        result.sources().get(0).steps().forEach(step -> System.out.printf("  kiln step %-24s %6.1f s%n",
                step.name(), seconds(step.duration())));
    }

    private static ImageSpec spec(String name, AmazonEbs source) {
        return ImageSpec.builder(name).source(source)
                .provision(dev.kiln.core.provision.Provisioners.shell().inline("echo provisioned").build()).build();
    }

    private static void packer(LocalEc2 ec2, Path dir, Map<String, String> extraEnv) throws Exception {
        LocalPacker.build(ec2, dir, LocalPacker.template(ec2, BaseImage.AMAZON_LINUX_2, "packer-bench", "echo provisioned"),
                extraEnv);
    }
}
