package dev.kiln.examples;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AmiArtifact;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.pipeline.ImageResult;
import dev.kiln.core.pipeline.PipelineResult;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.run.SourceResult;
import dev.kiln.docker.Docker;
import dev.kiln.docker.DockerImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds {@link BaseAndSnowflake}'s chain on a target (and on Docker, when given), tests the snowflake AMI and
 * container image ({@link ImageTest}) and prints a summary: each image's AMI and container image, whether each
 * was built or reused and how long it took, the tests' results and the manifest files. The same run for AWS
 * ({@link BaseAndSnowflake#main}) and LocalEc2 ({@link LocalDemo}).
 *
 * <pre>{@code
 * ChainRun.Report report = new ChainRun(Target.localEc2(ec2), Optional.of(docker), workDir, System.out).run();
 * }</pre>
 */
public final class ChainRun {
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final Target target;
    private final Optional<DockerTarget> docker;
    private final Path workDir;
    private final PrintStream out;

    /**
     * A run on {@code target}, and on {@code docker} when present, writing its manifests to {@code workDir} and its
     * output to {@code out}.
     */
    public ChainRun(Target target, Optional<DockerTarget> docker, Path workDir, PrintStream out) {
        this.target = Objects.requireNonNull(target, "target");
        this.docker = Objects.requireNonNull(docker, "docker");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * What a run did.
     *
     * @param pipeline each image's result
     * @param imageTest the AMI's image test, when the chain was built
     * @param containerTest the container image's, when the chain was built on Docker too
     * @param manifests the manifest files written
     */
    public record Report(PipelineResult pipeline, Optional<ImageTest.Result> imageTest,
            Optional<ImageTest.Result> containerTest, List<Path> manifests) {
        /** True when both images were built or reused and their tests passed. */
        public boolean succeeded() {
            return pipeline.succeeded() && imageTest.map(ImageTest.Result::passed).orElse(false)
                    && containerTest.map(ImageTest.Result::passed).orElse(true);
        }
    }

    /**
     * Builds the chain (starting fresh manifests, as a CI workspace would, so they hold this run's artifacts
     * only), tests the snowflake AMI and container image when both images succeeded, and prints the summary.
     */
    public Report run() throws InterruptedException {
        List<Path> manifests = List.of(BaseAndSnowflake.manifest(workDir, BaseAndSnowflake.BASE),
                BaseAndSnowflake.manifest(workDir, BaseAndSnowflake.SNOWFLAKE));
        try {
            Files.createDirectories(workDir);
            for (Path manifest : manifests) {
                Files.deleteIfExists(manifest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + workDir, e);
        }
        out.println("==> Building the chain base -> snowflake on " + target + docker.map(d -> " and " + d).orElse(""));
        PipelineResult pipeline;
        try (PipelineProgress progress = new PipelineProgress(out, PROGRESS_INTERVAL)) {
            Kiln kiln = Kiln.builder().listener(new ConsoleListener(out)).listener(progress).build();
            pipeline = BaseAndSnowflake.pipeline(target, docker, workDir, Instant.now()).run(kiln);
        }
        Optional<ImageTest.Result> test = Optional.empty();
        Optional<ImageTest.Result> containerTest = Optional.empty();
        if (pipeline.succeeded() && !Thread.currentThread().isInterrupted()) {
            Map<String, Artifact> snowflake = pipeline.image(BaseAndSnowflake.SNOWFLAKE).orElseThrow().build()
                    .orElseThrow().artifacts();
            String ami = describe(snowflake.get(AmazonEbs.TYPE));
            out.println("\n==> Testing image 'snowflake' (" + ami + ") on a fresh instance");
            test = Optional.of(new ImageTest(target, out).run(ami, BaseAndSnowflake.USER, BaseAndSnowflake.checks()));
            if (docker.isPresent() && !Thread.currentThread().isInterrupted()) {
                String image = describe(snowflake.get(Docker.TYPE));
                out.println("\n==> Testing image 'snowflake' (" + image + ") in a fresh container");
                containerTest = Optional.of(new ImageTest(target, out).runInContainer(docker.get(), image,
                        BaseAndSnowflake.checks()));
            }
        }
        Report report = new Report(pipeline, test, containerTest, manifests.stream().filter(Files::exists).toList());
        printSummary(report);
        return report;
    }

    /** An AMI by its id in the target's region, a container image by its tag (else its id). */
    private String describe(Artifact artifact) {
        if (artifact instanceof AmiArtifact ami) {
            return ami.amis().get(target.region());
        }
        if (artifact instanceof DockerImage image && !image.tags().isEmpty()) {
            return image.tags().get(0);
        }
        return artifact.id();
    }

    private void printSummary(Report report) {
        out.println("\n==> Summary");
        String row = "%-10s %-11s %-28s %-7s %s%n";
        out.printf(row, "image", "source", "artifact", "result", "duration");
        for (ImageResult image : report.pipeline().images()) {
            List<SourceResult> sources = image.build().map(BuildResult::sources).orElse(List.of());
            if (sources.isEmpty()) {
                out.printf(row, image.name(), "-", "-", image.outcome().name().toLowerCase(), seconds(Duration.ZERO));
            }
            for (SourceResult source : sources) {
                out.printf(row, image.name(), source.name(), source.artifact().map(this::describe).orElse("-"),
                        source.outcome().name().toLowerCase(), seconds(source.duration()));
            }
        }
        out.println(report.imageTest().map(t -> testLine("image test", t, "instance " + t.machine() + ", terminated"))
                .orElse("image test: not run, the chain did not build"));
        report.containerTest().ifPresent(t -> out.println(testLine("container test", t,
                "container " + t.machine().substring(0, 12) + ", removed")));
        report.manifests().forEach(m -> out.println("manifest: " + m));
        out.flush();
    }

    private static String testLine(String name, ImageTest.Result t, String machine) {
        return name + ": " + (t.passed() ? "passed, " + t.checks() + " of " + t.checks() + " checks"
                : "FAILED: " + String.join("; ", t.failures())) + " (" + machine + ")";
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
