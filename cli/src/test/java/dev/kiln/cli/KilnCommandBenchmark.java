package dev.kiln.cli;

import static dev.kiln.aws.Benchmarks.check;
import static dev.kiln.aws.Benchmarks.mean;
import static dev.kiln.aws.Benchmarks.overhead;
import static dev.kiln.aws.Benchmarks.seconds;
import static dev.kiln.aws.Benchmarks.spread;

import dev.kiln.aws.Benchmarks;
import dev.kiln.aws.Benchmarks.Run;
import dev.kiln.aws.LocalPacker;
import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.Latencies;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiln command's benchmark: {@code kiln build} run as a process of its own per build (the distribution's
 * {@code bin/kiln}, a fresh JVM each time) against {@code packer build} with its default polling and tuned
 * ({@code AWS_POLL_DELAY_SECONDS=1 AWS_MAX_ATTEMPTS=3600}), on the same template against LocalEc2's realistic
 * latency profile with OS boot time. Each tool builds {@code -Dkiln.bench.builds} times (default 2) on a LocalEc2
 * of its own with the same seed, so the n-th builds of every tool wait for the same OS boot ({@code 0} leaves the
 * series out, for the start-up figures alone). Before that it times
 * {@code kiln version} and {@code kiln validate T} against Packer's ({@code -Dkiln.bench.runs} runs each, default 9,
 * interleaved, medians), and the start-up of a build: process start to RunInstances on zero latencies
 * ({@code -Dkiln.bench.startups} builds each, default 3). kiln runs twice in each of these: from the distribution
 * directory the Maven build made, which has its class data sharing archive ({@code lib/kiln.jsa}), and from its
 * tar.gz unpacked elsewhere, where there is none.
 *
 * <p>It asserts nothing about time and is excluded from the normal test run. It runs the distribution that
 * {@code package} made (surefire runs before {@code package}), so build that first:
 *
 * <pre>
 * ./mvnw -B -o -q -pl cli -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
 * ./mvnw -B -o -pl cli -am test -Dtest=KilnCommandBenchmark -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dkiln.bench.scale=0.1] [-Dkiln.bench.builds=1]
 * </pre>
 * and read {@code cli/target/surefire-reports/dev.kiln.cli.KilnCommandBenchmark-output.txt}.
 */
@Tag("benchmark")
class KilnCommandBenchmark {
    /** Every tool's LocalEc2 draws the same OS boot times from it. */
    private static final long SEED = 2026;
    private static final String PACKER = "/usr/bin/packer";
    private static final String TEMPLATE = "template.json";

    @Test
    void kilnCommandAgainstPacker(@TempDir Path dir) throws Exception {
        check(Files.isExecutable(Path.of(PACKER)), "Packer 1.6.6 is needed: apt-get install packer");
        Path distribution = distribution();
        Map<String, Path> kilns = new LinkedHashMap<>();
        kilns.put("kiln", distribution.resolve("bin/kiln"));
        kilns.put("kiln-no-archive", unpacked(distribution, dir.resolve("unpacked")).resolve("bin/kiln"));
        System.out.println("kiln: " + kilns.get("kiln") + (Files.exists(distribution.resolve("lib/kiln.jsa"))
                ? " (with lib/kiln.jsa)" : " (WITHOUT lib/kiln.jsa: the package step made none)"));
        System.out.println("kiln-no-archive: " + kilns.get("kiln-no-archive") + " (the tar.gz unpacked elsewhere)");
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("machines"))) {
            LocalPacker.warmUp(host, dir.resolve("warm-up"));
            commands(kilns, host, dir.resolve("commands"));
            startUp(kilns, host, dir.resolve("start-up"));
            if (Benchmarks.builds() > 0) {
                builds(kilns.get("kiln"), host, dir.resolve("builds"));
            }
        }
    }

    /** Median wall times of {@code version} and {@code validate T} per tool, runs interleaved. */
    private static void commands(Map<String, Path> kilns, LocalMachineHost host, Path dir) throws Exception {
        int runs = Integer.getInteger("kiln.bench.runs", 9);
        Files.createDirectories(dir);
        try (LocalEc2 ec2 = LocalEc2.builder().machineHost(host).start()) {
            Files.writeString(dir.resolve(TEMPLATE), template(ec2));
            Map<String, List<String>> commands = new LinkedHashMap<>();
            for (String subcommand : List.of("version", "validate")) {
                List<String> args = subcommand.equals("version") ? List.of("version") : List.of("validate", TEMPLATE);
                kilns.forEach((name, kiln) -> commands.put(name + " " + subcommand, command(kiln.toString(), args)));
                commands.put("packer " + subcommand, command(PACKER, args));
            }
            Map<String, List<Double>> times = new LinkedHashMap<>();
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                    CommandRun run = CommandRun.of(dir, ec2.clientEnvironment(), c.getValue()).succeeded();
                    times.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(seconds(run.wall()));
                }
            }
            System.out.printf("%nWall time of each command, median of %d runs (min..max), seconds:%n", runs);
            times.forEach((name, t) -> System.out.printf("  %-26s %6.3f (%.3f..%.3f)%n", name, median(t),
                    t.stream().mapToDouble(d -> d).min().orElseThrow(), t.stream().mapToDouble(d -> d).max().orElseThrow()));
            for (String subcommand : List.of("version", "validate")) {
                double packer = median(times.get("packer " + subcommand));
                for (String kiln : kilns.keySet()) {
                    System.out.printf("ratio %-24s = %.2f%n", kiln + " " + subcommand + " / packer " + subcommand,
                            median(times.get(kiln + " " + subcommand)) / packer);
                }
            }
        }
    }

    /** Process start to RunInstances of whole builds on zero latencies, per kiln and for Packer tuned. */
    private static void startUp(Map<String, Path> kilns, LocalMachineHost host, Path dir) throws Exception {
        int count = Integer.getInteger("kiln.bench.startups", 3);
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        try (LocalEc2 ec2 = LocalEc2.builder().machineHost(host).start()) {
            for (int i = 1; i <= count; i++) {
                for (Map.Entry<String, Path> kiln : kilns.entrySet()) {
                    String name = kiln.getKey() + " start-up #" + i;
                    runs.computeIfAbsent(kiln.getKey(), k -> new ArrayList<>())
                            .add(Benchmarks.measure(name, ec2, () -> kilnBuild(kiln.getValue(), ec2, runDir(dir, name))));
                }
                String name = "packer-tuned start-up #" + i;
                runs.computeIfAbsent("packer-tuned", k -> new ArrayList<>()).add(Benchmarks.measure(name, ec2,
                        () -> LocalPacker.build(ec2, runDir(dir, name), template(ec2), LocalPacker.TUNED)));
            }
            System.out.println("Leaks after the start-up builds: " + ec2.leaks());
        }
        System.out.printf("%nStart-up on zero latencies, process start to RunInstances, median of %d builds:%n",
                count);
        runs.forEach((name, list) -> System.out.printf("  %-16s %6.3f s  %s%s%n", name,
                median(list.stream().map(r -> seconds(r.toRunInstances())).toList()),
                list.stream().map(r -> String.format("%.3f", seconds(r.toRunInstances()))).toList(), failures(list)));
    }

    /** The build series on the realistic profile: kiln, Packer default, Packer tuned, and their overheads. */
    private static void builds(Path kiln, LocalMachineHost host, Path dir) throws Exception {
        double scale = Benchmarks.scale();
        int builds = Benchmarks.builds();
        Latencies latencies = Latencies.realistic().scaledBy(scale);
        Duration floor = Benchmarks.floor(latencies);
        List<Run> kilnRuns = Benchmarks.series("kiln", builds, host, latencies, SEED,
                (ec2, run) -> kilnBuild(kiln, ec2, runDir(dir, run)));
        List<Run> packerDefault = Benchmarks.series("packer-default", builds, host, latencies, SEED,
                (ec2, run) -> LocalPacker.build(ec2, runDir(dir, run), template(ec2), Map.of()));
        List<Run> packerTuned = Benchmarks.series("packer-tuned", builds, host, latencies, SEED,
                (ec2, run) -> LocalPacker.build(ec2, runDir(dir, run), template(ec2), LocalPacker.TUNED));

        System.out.printf("%nLatency profile: realistic x %.2f, OS boot %.1f to %.1f s after running (seed %d);"
                + " floor (launch + stop + image + terminate) = %.1f s plus each build's OS boot%n", scale,
                seconds(latencies.osBootMin()), seconds(latencies.osBootMax()), SEED, seconds(floor));
        System.out.println("kiln: the distribution's bin/kiln, one process (a fresh JVM) per build.");
        System.out.printf("%-20s %8s %8s %10s %14s %18s%n", "build", "OS boot", "wall s", "overhead s",
                "to RunInst. s", "instance-seconds");
        for (List<Run> series : List.of(kilnRuns, packerDefault, packerTuned)) {
            for (Run run : series) {
                System.out.printf("%-20s %8.1f %8.1f %10.1f %14.2f %18.1f %s%n", run.name(), seconds(run.osBoot()),
                        seconds(run.wall()), overhead(run, floor), seconds(run.toRunInstances()),
                        seconds(run.instanceTime()), run.failure().isEmpty() ? "" : "FAILED: " + run.failure());
            }
        }
        System.out.printf("%nMean +- sample standard deviation (min..max) over the builds of each tool:%n");
        System.out.printf("%-16s %6s %26s %26s%n", "tool", "builds", "overhead s", "instance-seconds");
        for (List<Run> series : List.of(kilnRuns, packerDefault, packerTuned)) {
            System.out.printf("%-16s %6d %26s %26s%n", series.get(0).name().replaceAll(" #\\d+$", ""), series.size(),
                    spread(series, r -> overhead(r, floor)), spread(series, r -> seconds(r.instanceTime())));
        }
        ToDoubleFunction<Run> overhead = r -> overhead(r, floor);
        System.out.printf("kiln overhead / Packer tuned overhead   = %.2f (target <= 1.00)%n",
                mean(kilnRuns, overhead) / mean(packerTuned, overhead));
        System.out.printf("kiln overhead / Packer default overhead = %.2f%n",
                mean(kilnRuns, overhead) / mean(packerDefault, overhead));
    }

    /** One {@code kiln build} of the benchmark's template in {@code dir}; fails the run unless it succeeds. */
    private static void kilnBuild(Path kiln, LocalEc2 ec2, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(TEMPLATE), template(ec2));
        CommandRun run = CommandRun.of(dir, ec2.clientEnvironment(), List.of(kiln.toString(), "build", TEMPLATE));
        check(run.status() == 0, "kiln build failed:\n" + run.output());
    }

    /** The template both tools build: Amazon Linux 2, one inline shell command, no post-processor. */
    private static String template(LocalEc2 ec2) {
        return LocalPacker.template(ec2, BaseImage.AMAZON_LINUX_2, "bench", "echo provisioned");
    }

    private static Path runDir(Path dir, String run) {
        return dir.resolve(run.replaceAll("\\W+", "-"));
    }

    private static List<String> command(String program, List<String> args) {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(args);
        return command;
    }

    /** The distribution directory {@code package} made: {@code cli/target/kiln-VERSION/kiln-VERSION}. */
    private static Path distribution() {
        String name = "kiln-" + Main.version();
        Path distribution = Path.of("target", name, name).toAbsolutePath();
        check(Files.isExecutable(distribution.resolve("bin/kiln")), "no distribution at " + distribution
                + "; make it first: ./mvnw -B -o -q -pl cli -am package -DskipTests");
        return distribution;
    }

    /** The distribution's tar.gz unpacked in {@code dir}, where its JVM cannot use an archive made for another path. */
    private static Path unpacked(Path distribution, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path tarball = distribution.getParent().resolveSibling(distribution.getFileName() + ".tar.gz");
        CommandRun.of(dir, Map.of(), List.of("tar", "xzf", tarball.toString())).succeeded();
        return dir.resolve(distribution.getFileName());
    }

    private static String failures(List<Run> runs) {
        List<String> failed = runs.stream().filter(r -> !r.failure().isEmpty()).map(r -> r.name() + ": " + r.failure())
                .toList();
        return failed.isEmpty() ? "" : " FAILED " + failed;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
