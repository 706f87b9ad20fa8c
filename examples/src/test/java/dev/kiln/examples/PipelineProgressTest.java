package dev.kiln.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.run.StepOutcome;
import dev.kiln.core.run.StepTiming;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
            progress.buildStarted("base", "session", List.of("amazon-ebs"));
            progress.stepStarted("amazon-ebs", "launch");
            progress.stepStarted("amazon-ebs", "run instance");

            awaitOutput("    amazon-ebs: ... still in 'run instance' after 1 s");

            progress.stepFinished("amazon-ebs", new StepTiming("run instance", Instant.now(), Duration.ofSeconds(1),
                    StepOutcome.SUCCEEDED), null);
            awaitOutput("    amazon-ebs: ... still in 'launch' after");
            progress.stepFinished("amazon-ebs", new StepTiming("launch", Instant.now(), Duration.ofSeconds(2),
                    StepOutcome.SUCCEEDED), null);
            console.reset();
        }
        assertThat(output()).doesNotContain("still in");
    }

    @Test
    void eachImageGetsAHeader() {
        try (PipelineProgress progress = new PipelineProgress(new PrintStream(console, true, StandardCharsets.UTF_8),
                Duration.ofMinutes(1))) {
            progress.buildStarted("snowflake", "session", List.of("amazon-ebs"));
        }
        assertThat(output()).contains("==> Image 'snowflake': looking for an AMI with the same fingerprint");
    }
}
