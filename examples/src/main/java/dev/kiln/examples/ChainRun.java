package dev.kiln.examples;

import dev.kiln.aws.AmiArtifact;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.pipeline.ImageResult;
import dev.kiln.core.pipeline.PipelineResult;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds {@link BaseAndSnowflake}'s chain on a target, tests the snowflake AMI ({@link ImageTest}) and prints
 * a summary: each image's AMI, whether it was built or reused and how long it took, the test's result and the
 * manifest files. The same run for AWS ({@link BaseAndSnowflake#main}) and LocalEc2 ({@link LocalDemo}).
 *
 * <pre>{@code
 * ChainRun.Report report = new ChainRun(Target.localEc2(ec2), workDir, System.out).run();
 * }</pre>
 */
public final class ChainRun {
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final Target target;
    private final Path workDir;
    private final PrintStream out;

    /** A run on {@code target} writing its manifests to {@code workDir} and its output to {@code out}. */
    public ChainRun(Target target, Path workDir, PrintStream out) {
        this.target = Objects.requireNonNull(target, "target");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * What a run did.
     *
     * @param pipeline each image's result
     * @param imageTest the image test's result, when the chain was built
     * @param manifests the manifest files written
     */
    public record Report(PipelineResult pipeline, Optional<ImageTest.Result> imageTest, List<Path> manifests) {
        /** True when both images were built or reused and the image test passed. */
        public boolean succeeded() {
            return pipeline.succeeded() && imageTest.map(ImageTest.Result::passed).orElse(false);
        }
    }

    /**
     * Builds the chain (starting fresh manifests, as a CI workspace would, so {@code .builds[0]} is this run's
     * AMI), tests the snowflake AMI when both images succeeded, and prints the summary.
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
        out.println("==> Building the chain base -> snowflake on " + target);
        PipelineResult pipeline;
        try (PipelineProgress progress = new PipelineProgress(out, PROGRESS_INTERVAL)) {
            Kiln kiln = Kiln.builder().listener(new ConsoleListener(out)).listener(progress).build();
            pipeline = BaseAndSnowflake.pipeline(target, workDir, Instant.now()).run(kiln);
        }
        Optional<ImageTest.Result> test = Optional.empty();
        if (pipeline.succeeded() && !Thread.currentThread().isInterrupted()) {
            String ami = amiId(pipeline.artifact(BaseAndSnowflake.SNOWFLAKE).orElseThrow());
            out.println("\n==> Testing image 'snowflake' (" + ami + ") on a fresh instance");
            test = Optional.of(new ImageTest(target, out).run(ami, BaseAndSnowflake.USER, BaseAndSnowflake.checks()));
        }
        Report report = new Report(pipeline, test, manifests.stream().filter(Files::exists).toList());
        printSummary(report);
        return report;
    }

    private String amiId(Artifact artifact) {
        return ((AmiArtifact) artifact).amis().get(target.region());
    }

    private void printSummary(Report report) {
        out.println("\n==> Summary");
        out.printf("%-11s %-23s %-10s %s%n", "image", "AMI id", "result", "duration");
        for (ImageResult image : report.pipeline().images()) {
            String ami = image.artifact().map(this::amiId).orElse("-");
            out.printf("%-11s %-23s %-10s %s%n", image.name(), ami, image.outcome().name().toLowerCase(),
                    seconds(image.duration()));
        }
        out.println(report.imageTest().map(t -> "image test: " + (t.passed() ? "passed, " + t.checks() + " of "
                + t.checks() + " checks" : "FAILED: " + String.join("; ", t.failures())) + " (instance " + t.instanceId()
                + ", terminated)").orElse("image test: not run, the chain did not build"));
        report.manifests().forEach(m -> out.println("manifest: " + m));
        out.flush();
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
