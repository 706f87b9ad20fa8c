package dev.kiln.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.run.BuildEvent.OutputLine;
import dev.kiln.core.run.BuildEvent.SourceFailed;
import dev.kiln.core.run.BuildEvent.StepFinished;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLinesListenerTest {
    @Test
    void eachEventIsOneJsonObjectOnOneLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLinesListener json = new JsonLinesListener(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Instant now = Instant.parse("2026-11-21T23:55:01Z");

        json.on(new OutputLine(now, "image", "web", OutputStreamKind.STDOUT, "multi\nline \"quoted\""));
        json.on(new StepFinished(now, "image", "web", new StepTiming("launch", Instant.parse("2026-11-21T23:55:00Z"),
                Duration.ofMillis(1250), StepOutcome.FAILED), Optional.of(new IllegalStateException("no capacity"))));
        json.on(new SourceFailed(now, "image", "web",
                new RedactedException("java.io.IOException", "token <sensitive> rejected", null)));

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("{\"schema_version\":1,\"time\":\"2026-11-21T23:55:01Z\",\"type\":\"output\","
                + "\"image\":\"image\",\"source\":\"web\",\"stream\":\"stdout\",\"line\":\"multi\\nline \\\"quoted\\\"\"}");
        JsonNode step = new ObjectMapper().readTree(lines[1]);
        assertThat(step.get("type").asText()).isEqualTo("step-finished");
        assertThat(step.get("duration_ms").asLong()).isEqualTo(1250);
        assertThat(step.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(step.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(step.at("/error/message").asText()).isEqualTo("no capacity");
        assertThat(new ObjectMapper().readTree(lines[2]).at("/error/type").asText()).isEqualTo("java.io.IOException");
    }
}
