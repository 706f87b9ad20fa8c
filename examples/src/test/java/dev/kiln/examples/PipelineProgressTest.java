package dev.kiln.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.run.BuildEvent.BuildStarted;
import dev.kiln.core.run.BuildEvent.StepFinished;
import dev.kiln.core.run.BuildEvent.StepStarted;
import dev.kiln.core.run.StepOutcome;
import dev.kiln.core.run.StepTiming;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineProgressTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private String output() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!output().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(output()).contains(text);
    }

    @Test
    void aLongStepGetsProgressLinesNamingTheInnermostStepUntilItEnds() throws Exception {
        try (PipelineProgress progress = new PipelineProgress(new PrintStream(console, true, StandardCharsets.UTF_8),
                Duration.ofSeconds(1))) {
            progress.on(new BuildStarted(Instant.now(), "base", "session", List.of("amazon-ebs")));
            progress.on(new StepStarted(Instant.now(), "base", "amazon-ebs", "launch"));
            progress.on(new StepStarted(Instant.now(), "base", "amazon-ebs", "run instance"));

            awaitOutput("    amazon-ebs: ... still in 'run instance' after ");

            progress.on(new StepFinished(Instant.now(), "base", "amazon-ebs", new StepTiming("run instance",
                    Instant.now(), Duration.ofSeconds(1), StepOutcome.SUCCEEDED), Optional.empty()));
            awaitOutput("    amazon-ebs: ... still in 'launch' after");
            progress.on(new StepFinished(Instant.now(), "base", "amazon-ebs", new StepTiming("launch",
                    Instant.now(), Duration.ofSeconds(2), StepOutcome.SUCCEEDED), Optional.empty()));
            console.reset();
        }
        assertThat(output()).doesNotContain("still in");
    }

    @Test
    void imagesThatShareASourceNameKeepTheirOwnSteps() throws Exception {
        try (PipelineProgress progress = new PipelineProgress(new PrintStream(console, true, StandardCharsets.UTF_8),
                Duration.ofSeconds(1))) {
            progress.on(new StepStarted(Instant.now(), "base", "amazon-ebs", "post-processor 1: manifest"));
            progress.on(new StepStarted(Instant.now(), "snowflake", "amazon-ebs", "launch"));
            progress.on(new StepFinished(Instant.now(), "base", "amazon-ebs", new StepTiming(
                    "post-processor 1: manifest", Instant.now(), Duration.ZERO, StepOutcome.SUCCEEDED), Optional.empty()));

            awaitOutput("    amazon-ebs: ... still in 'launch' after ");
        }
    }

    @Test
    void eachImageGetsAHeader() {
        try (PipelineProgress progress = new PipelineProgress(new PrintStream(console, true, StandardCharsets.UTF_8),
                Duration.ofMinutes(1))) {
            progress.on(new BuildStarted(Instant.now(), "snowflake", "session", List.of("amazon-ebs")));
        }
        assertThat(output()).contains("==> Image 'snowflake': looking for artifacts with the same fingerprint");
    }
}
