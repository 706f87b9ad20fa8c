package dev.kiln.aws;

import static dev.kiln.aws.Benchmarks.check;
import static dev.kiln.aws.Benchmarks.kilnSource;
import static dev.kiln.aws.Benchmarks.measure;
import static dev.kiln.aws.Benchmarks.seconds;

import dev.kiln.aws.Benchmarks.Run;
import dev.kiln.core.pipeline.ImagePipeline;
import dev.kiln.core.pipeline.ImageResult;
import dev.kiln.core.pipeline.PipelineResult;
import dev.kiln.core.post.PostProcessors;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.Latencies;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain benchmark: the second seed article's base -> snowflake chain (two amazon-ebs images from Ubuntu
 * 16.04, the snowflake from the base's AMI, each writing Packer's manifest) against one LocalEc2 with its
 * realistic latency profile, built
 * <ul>
 *   <li>by Kiln's {@link ImagePipeline} in this JVM, where the snowflake starts as soon as the base's AMI is
 *       available, while the base still terminates its instance and deletes its group and key; first as the
 *       JVM's first build, then again as its next;</li>
 *   <li>by Packer 1.6.6 (tuned: {@link LocalPacker#TUNED}) run twice in sequence as CircleCI's pipeline does,
 *       the snowflake's {@code source_ami} read from the base's {@code manifest.json} with {@code jq}.</li>
 * </ul>
 * The provisioners are small (a marker file in the base that the snowflake checks), so the waits dominate as
 * they do on EC2. Prints the wall times and the ratio kiln/packer (target {@value #TARGET}). It asserts nothing
 * about time and is excluded from the normal test run. Run it with:
 *
 * <pre>
 * ./mvnw -B -pl aws -am verify -Dtest=ChainBenchmark -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dkiln.bench.scale=0.25]
 * </pre>
 * and read {@code aws/target/surefire-reports/dev.kiln.aws.ChainBenchmark-output.txt}.
 */
@Tag("benchmark")
class ChainBenchmark {
    private static final double TARGET = 0.90;
    private static final BaseImage UBUNTU = BaseImage.UBUNTU_16_04;
    private static final String[] BASE_COMMANDS = {"echo base > /etc/base-marker"};
    private static final String[] SNOWFLAKE_COMMANDS = {"grep -qx base /etc/base-marker",
            "echo snowflake > /etc/snowflake-marker"};

    @Test
    void kilnPipelineAgainstPackerRunTwice(@TempDir Path dir) throws Exception {
        double scale = Benchmarks.scale();
        Latencies latencies = Latencies.realistic().scaledBy(scale);
        Duration toAmi = latencies.instanceLaunch().plus(latencies.instanceStop()).plus(latencies.imageCreate());
        Duration packerFloor = toAmi.plus(latencies.instanceTerminate()).multipliedBy(2);
        Duration kilnFloor = toAmi.multipliedBy(2).plus(latencies.instanceTerminate());
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("machines"))) {
            LocalPacker.warmUp(host, dir.resolve("warm-up"));
            try (LocalEc2 ec2 = LocalEc2.builder().machineHost(host).latencies(latencies).start()) {
                Run kilnFirst = measure("kiln-first", ec2, () -> kilnChain(ec2, dir.resolve("kiln-first")));
                Run packer = measure("packer-twice", ec2, () -> packerChain(ec2, dir.resolve("packer")));
                Run kilnNext = measure("kiln-next", ec2, () -> kilnChain(ec2, dir.resolve("kiln-next")));

                System.out.printf("%nLatency profile: realistic x %.2f%n", scale);
                System.out.printf("Floor (sum of LocalEc2's latencies on the path): Packer twice 2 x (launch + stop + image"
                        + " + terminate) = %.1f s; Kiln pipeline 2 x (launch + stop + image) + terminate = %.1f s%n",
                        seconds(packerFloor), seconds(kilnFloor));
                System.out.println("Each chain boots two OSes one after the other; overhead is wall time above the floor"
                        + " plus both OS boot times.");
                System.out.printf("%-14s %8s %8s %12s %18s%n", "chain", "OS boot", "wall s", "overhead s",
                        "instance-seconds");
                for (Run run : List.of(kilnFirst, kilnNext, packer)) {
                    Duration floor = run == packer ? packerFloor : kilnFloor;
                    System.out.printf("%-14s %8.1f %8.1f %12.1f %18.1f %s%n", run.name(), seconds(run.osBoot()),
                            seconds(run.wall()), seconds(run.wall().minus(floor).minus(run.osBoot())),
                            seconds(run.instanceTime()),
                            run.failure().isEmpty() ? "" : "FAILED: " + run.failure());
                }
                for (Run kiln : List.of(kilnFirst, kilnNext)) {
                    double ratio = seconds(kiln.wall()) / seconds(packer.wall());
                    System.out.printf("%-10s wall / Packer twice wall = %.3f (target <= %.2f: %s)%n", kiln.name(), ratio,
                            TARGET, ratio <= TARGET ? "met" : "MISSED");
                }
                System.out.println("Leaks after every build: " + ec2.leaks());
            }
        }
    }

    /** Builds the chain with one ImagePipeline and prints when the snowflake started against the base's end. */
    private static void kilnChain(LocalEc2 ec2, Path dir) {
        ImageSpec base = ImageSpec.builder("base")
                .source(kilnSource(ec2, "amazon-ebs").sourceAmi(UBUNTU.id()).sshUsername(UBUNTU.defaultUser()).build())
                .provision(Provisioners.shell().inline(BASE_COMMANDS).build())
                .postProcess(PostProcessors.manifest(dir.resolve("manifest-base.json")).stripPath(true).build())
                .build();
        ImageSpec snowflake = ImageSpec.builder("snowflake")
                .source(kilnSource(ec2, "amazon-ebs").sourceAmi(null).sourceAmiFromImage("base")
                        .sshUsername(UBUNTU.defaultUser()).build())
                .provision(Provisioners.shell().inline(SNOWFLAKE_COMMANDS).build())
                .postProcess(PostProcessors.manifest(dir.resolve("manifest-snowflake.json")).stripPath(true).build())
                .build();
        Map<String, Long> started = new ConcurrentHashMap<>();
        Map<String, Long> finished = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        Kiln kiln = Kiln.builder().listener(event -> {
            if (event instanceof BuildEvent.BuildStarted) {
                started.put(event.image(), System.nanoTime() - start);
            } else if (event instanceof BuildEvent.BuildFinished) {
                finished.put(event.image(), System.nanoTime() - start);
            }
        }).build();

        PipelineResult result = ImagePipeline.builder().image(base).image(snowflake).build().run(kiln);

        check(result.succeeded(), "Kiln pipeline failed: " + result.images().stream()
                .map(i -> i.name() + " " + i.outcome() + " " + i.build().map(BuildResult::failures).orElse(List.of()))
                .toList());
        for (ImageResult image : result.images()) {
            System.out.printf("  kiln %-10s %s, started at %6.1f s, ended at %6.1f s%n", image.name(),
                    image.artifact().orElseThrow().id(), started.get(image.name()) / 1e9, finished.get(image.name()) / 1e9);
        }
        System.out.printf("  kiln: the snowflake started %.1f s before the base's build ended (cleanups, manifest)%n",
                (finished.get("base") - started.get("snowflake")) / 1e9);
    }

    /** Packer twice: the base, its AMI from the manifest with jq, then the snowflake from that AMI. */
    private static void packerChain(LocalEc2 ec2, Path dir) throws Exception {
        long start = System.nanoTime();
        Path baseDir = dir.resolve("base");
        LocalPacker.build(ec2, baseDir, LocalPacker.withManifest(LocalPacker.template(ec2, UBUNTU, "packer-base",
                BASE_COMMANDS)), LocalPacker.TUNED);
        long baseDone = System.nanoTime();
        String baseAmi = LocalPacker.amiOf(baseDir.resolve(LocalPacker.MANIFEST));
        long amiRead = System.nanoTime();
        LocalPacker.build(ec2, dir.resolve("snowflake"), LocalPacker.withManifest(LocalPacker.template(ec2, baseAmi,
                UBUNTU.defaultUser(), "packer-snowflake", SNOWFLAKE_COMMANDS)), LocalPacker.TUNED);
        System.out.printf("  packer base %s in %.1f s; jq %.2f s; snowflake in %.1f s%n", baseAmi,
                (baseDone - start) / 1e9, (amiRead - baseDone) / 1e9, (System.nanoTime() - amiRead) / 1e9);
    }
}
