package dev.kiln.aws;

import static dev.kiln.aws.Benchmarks.check;
import static dev.kiln.aws.Benchmarks.kilnSource;
import static dev.kiln.aws.Benchmarks.mean;
import static dev.kiln.aws.Benchmarks.overhead;
import static dev.kiln.aws.Benchmarks.seconds;
import static dev.kiln.aws.Benchmarks.spread;

import dev.kiln.aws.Benchmarks.Run;
import dev.kiln.core.run.BuildEvent;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The amazon-ebs benchmark: the same image built by Kiln and by Packer 1.6.6 (default polling, and tuned with
 * AWS_POLL_DELAY_SECONDS=1 plus AWS_MAX_ATTEMPTS=3600, since 1 s polls with Packer's default 40 attempts give up on
 * an AMI that takes a minute) against LocalEc2's realistic latency profile, OS boot time included, then 20 Kiln
 * builds in parallel from one JVM. Each tool builds {@code -Dkiln.bench.builds} times (default 2) on a LocalEc2 of
 * its own with the same seed, so the n-th build of every tool waits for the same OS boot time; kiln-first, the
 * JVM's first build, builds once and meets the first boot time. Prints, per build and as mean and spread, the
 * overhead above the floor (the sum of LocalEc2's latencies on the build's path plus that build's OS boot time)
 * and instance-seconds, the ratios of the means, and how many TCP connects Kiln's SSH wait made. It asserts
 * nothing about time; it is excluded from the normal test run. Run it with:
 *
 * <pre>
 * ./mvnw -B -pl aws -am verify -Dtest=AmazonEbsBenchmark -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dkiln.bench.scale=0.25] [-Dkiln.bench.builds=3]
 * </pre>
 * and read {@code aws/target/surefire-reports/dev.kiln.aws.AmazonEbsBenchmark-output.txt}.
 */
@Tag("benchmark")
class AmazonEbsBenchmark {
    private static final int PARALLEL_BUILDS = 20;
    /** Every tool's LocalEc2 draws the same OS boot times from it. */
    private static final long SEED = 2026;
    private static final Pattern SSH_WAIT = Pattern.compile("Connected to SSH on \\S+ after (\\d+) attempts? in ([\\d.]+)s");

    /** Kiln's SSH wait of one build: TCP connects (attempts) and seconds waited, as its progress line says. */
    private record SshWait(String build, int connects, double seconds) {
    }

    private final List<SshWait> sshWaits = new ArrayList<>();

    @Test
    void kilnAgainstPackerOnTheRealisticProfile(@TempDir Path dir) throws Exception {
        double scale = Benchmarks.scale();
        int builds = Benchmarks.builds();
        Latencies latencies = Latencies.realistic().scaledBy(scale);
        Duration floor = Benchmarks.floor(latencies);
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("machines"))) {
            LocalPacker.warmUp(host, dir.resolve("warm-up"));
            List<Run> kilnFirst = Benchmarks.series("kiln-first", 1, host, latencies, SEED, this::kilnBuild);
            List<Run> packerDefault = Benchmarks.series("packer-default", builds, host, latencies, SEED,
                    (ec2, run) -> packer(ec2, dir.resolve(run.replaceAll("\\W", "-")), Map.of()));
            List<Run> packerTuned = Benchmarks.series("packer-tuned", builds, host, latencies, SEED,
                    (ec2, run) -> packer(ec2, dir.resolve(run.replaceAll("\\W", "-")), LocalPacker.TUNED));
            List<Run> kilnNext = Benchmarks.series("kiln-next", builds, host, latencies, SEED, this::kilnBuild);

            System.out.printf("%nLatency profile: realistic x %.2f, OS boot %.1f to %.1f s after running (seed %d);"
                    + " floor (launch + stop + image + terminate) = %.1f s plus each build's OS boot%n", scale,
                    seconds(latencies.osBootMin()), seconds(latencies.osBootMax()), SEED, seconds(floor));
            System.out.println("kiln-first is the first build of this JVM (SDK and SSH classes still to load); kiln-next"
                    + " the next ones, as in any process that builds more than once.");
            System.out.printf("%-20s %8s %8s %10s %18s%n", "build", "OS boot", "wall s", "overhead s", "instance-seconds");
            for (List<Run> series : List.of(kilnFirst, kilnNext, packerDefault, packerTuned)) {
                for (Run run : series) {
                    System.out.printf("%-20s %8.1f %8.1f %10.1f %18.1f %s%n", run.name(), seconds(run.osBoot()),
                            seconds(run.wall()), overhead(run, floor), seconds(run.instanceTime()),
                            run.failure().isEmpty() ? "" : "FAILED: " + run.failure());
                }
            }
            System.out.printf("%nMean +- sample standard deviation (min..max) over the builds of each tool:%n");
            System.out.printf("%-16s %6s %26s %26s%n", "tool", "builds", "overhead s", "instance-seconds");
            for (List<Run> series : List.of(kilnFirst, kilnNext, packerDefault, packerTuned)) {
                System.out.printf("%-16s %6d %26s %26s%n", series.get(0).name().replaceAll(" #\\d+$", ""),
                        series.size(), spread(series, r -> overhead(r, floor)),
                        spread(series, r -> seconds(r.instanceTime())));
            }
            System.out.println("kiln-first is compared with each Packer's first build, which booted in the same time;"
                    + " kiln-next with the means over the same boot times.");
            ratios("kiln-first", kilnFirst, packerDefault.subList(0, 1), packerTuned.subList(0, 1), floor);
            ratios("kiln-next", kilnNext, packerDefault, packerTuned, floor);

            System.out.printf("%nKiln's SSH wait (ReadyWait) per build: TCP connects against seconds waited%n");
            List<Run> kilnRuns = new ArrayList<>(kilnFirst);
            kilnRuns.addAll(kilnNext);
            for (SshWait wait : sshWaits) {
                Duration osBoot = kilnRuns.stream().filter(r -> r.name().equals(wait.build())).findFirst()
                        .map(Run::osBoot).orElse(Duration.ZERO);
                System.out.printf("  %-16s %3d connects in %5.1f s (OS boot %.1f s): %.2f retries a second%n",
                        wait.build(), wait.connects(), wait.seconds(), seconds(osBoot),
                        wait.seconds() > 0 ? (wait.connects() - 1) / wait.seconds() : 0.0);
            }

            parallelBuilds(host, latencies);
        }
    }

    private static void ratios(String kiln, List<Run> kilnRuns, List<Run> packerDefault, List<Run> packerTuned,
            Duration floor) {
        ToDoubleFunction<Run> overhead = r -> overhead(r, floor);
        ToDoubleFunction<Run> instance = r -> seconds(r.instanceTime());
        System.out.printf("%-10s overhead / Packer default overhead = %.2f (target <= 0.25)%n", kiln,
                mean(kilnRuns, overhead) / mean(packerDefault, overhead));
        System.out.printf("%-10s overhead / Packer tuned overhead   = %.2f (target <= 1.00)%n", kiln,
                mean(kilnRuns, overhead) / mean(packerTuned, overhead));
        System.out.printf("%-10s instance-seconds / Packer default  = %.3f (target <= 1.00)%n", kiln,
                mean(kilnRuns, instance) / mean(packerDefault, instance));
        System.out.printf("%-10s instance-seconds / Packer tuned    = %.3f (target <= 1.00)%n", kiln,
                mean(kilnRuns, instance) / mean(packerTuned, instance));
    }

    private static void parallelBuilds(LocalMachineHost host, Latencies latencies) throws Exception {
        try (LocalEc2 ec2 = LocalEc2.builder().machineHost(host).latencies(latencies).randomSeed(SEED).start()) {
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
            System.out.printf("%n%d parallel Kiln builds in one JVM: %s, wall %.1f s, peak heap used %d MiB, peak threads"
                    + " %d; leaks: %s%n", PARALLEL_BUILDS, result.succeeded() ? "all succeeded" : "FAILURES "
                    + result.failures(), seconds(wall), peakHeap.get() / (1024 * 1024), threads.getPeakThreadCount(),
                    ec2.leaks());
        }
    }

    private void kilnBuild(LocalEc2 ec2, String name) {
        List<String> details = new ArrayList<>();
        BuildResult result = Kiln.builder().listener(event -> {
            if (event instanceof BuildEvent.Detail detail) {
                synchronized (details) {
                    details.add(detail.text());
                }
            }
        }).build().build(spec("kiln-bench", kilnSource(ec2, "amazon-ebs").build()));
        check(result.succeeded(), "Kiln build failed: " + result);
        result.sources().get(0).steps().forEach(step -> System.out.printf("  kiln step %-24s %6.1f s%n",
                step.name(), seconds(step.duration())));
        synchronized (details) {
            for (String line : details) {
                Matcher m = SSH_WAIT.matcher(line);
                if (m.find()) {
                    System.out.println("  kiln " + line);
                    sshWaits.add(new SshWait(name, Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2))));
                }
            }
        }
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
