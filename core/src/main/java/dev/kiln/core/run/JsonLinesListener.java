package dev.kiln.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.comm.OutputStreamKind;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes every build event as one JSON object per line, for tools: each has {@code time} (ISO-8601),
 * {@code type} (e.g. {@code step-finished}), {@code source} where it applies, and the event's fields.
 *
 * <pre>{@code
 * Kiln kiln = Kiln.builder().listener(new JsonLinesListener(new PrintStream(Files.newOutputStream(log)))).build();
 * // {"time":"2026-11-21T23:55:01Z","type":"output","source":"web","stream":"stdout","line":"hello"}
 * }</pre>
 */
public final class JsonLinesListener extends BuildListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;
    private final Clock clock;

    /** Writes to {@code out}, timestamped by the system clock. */
    public JsonLinesListener(PrintStream out) {
        this(out, Clock.systemUTC());
    }

    /** Writes to {@code out}, timestamped by {@code clock}. */
    public JsonLinesListener(PrintStream out, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void buildStarted(String imageName, String sessionId, List<String> sources) {
        ObjectNode e = event("build-started", null).put("image", imageName).put("session_id", sessionId);
        sources.forEach(e.putArray("sources")::add);
        write(e);
    }

    @Override
    public void buildFinished(BuildResult result) {
        ObjectNode e = event("build-finished", null).put("image", result.imageName())
                .put("session_id", result.sessionId()).put("succeeded", result.succeeded())
                .put("duration_ms", result.duration().toMillis());
        ArrayNode sources = e.putArray("sources");
        result.sources().forEach(s -> sources.add(sourceFields(JSON.createObjectNode(), s)));
        write(e);
    }

    @Override
    public void sourceStarted(String source) {
        write(event("source-started", source));
    }

    @Override
    public void sourceFinished(SourceResult result) {
        write(sourceFields(event("source-finished", result.name()), result));
    }

    @Override
    public void stepStarted(String source, String step) {
        write(event("step-started", source).put("step", step));
    }

    @Override
    public void stepFinished(String source, StepTiming timing, Throwable error) {
        ObjectNode e = event("step-finished", source).put("step", timing.name())
                .put("start", timing.start().toString()).put("duration_ms", timing.duration().toMillis())
                .put("outcome", timing.outcome().name());
        if (error != null) {
            error(e, error);
        }
        write(e);
    }

    @Override
    public void message(String source, String message) {
        write(event("message", source).put("message", message));
    }

    @Override
    public void detail(String source, String message) {
        write(event("detail", source).put("message", message));
    }

    @Override
    public void outputLine(String source, OutputStreamKind stream, String line) {
        write(event("output", source).put("stream", stream.name().toLowerCase(Locale.ROOT))
                .put("line", line));
    }

    @Override
    public void artifact(String source, Artifact artifact) {
        ObjectNode e = event("artifact", source).put("artifact_id", artifact.id())
                .put("builder_type", artifact.builderType()).put("description", artifact.describe());
        artifact.files().forEach(e.putArray("files")::add);
        write(e);
    }

    @Override
    public void error(String source, Throwable error) {
        write(error(event("error", source), error));
    }

    @Override
    public void cleanupStarted(String source, String description) {
        write(event("cleanup-started", source).put("cleanup", description));
    }

    @Override
    public void cleanupFailed(String source, String description, Throwable error) {
        write(error(event("cleanup-failed", source).put("cleanup", description), error));
    }

    @Override
    public void resourcesLeftBehind(String source, List<Resource> resources) {
        ObjectNode e = event("resources-left-behind", source);
        ArrayNode list = e.putArray("resources");
        resources.forEach(r -> list.addObject().put("type", r.type()).put("id", r.id()).put("location", r.location()));
        write(e);
    }

    private ObjectNode event(String type, String source) {
        ObjectNode e = JSON.createObjectNode().put("time", clock.instant().toString()).put("type", type);
        if (source != null) {
            e.put("source", source);
        }
        return e;
    }

    private static ObjectNode sourceFields(ObjectNode e, SourceResult s) {
        e.put("name", s.name()).put("outcome", s.outcome().name()).put("duration_ms", s.duration().toMillis());
        s.artifact().ifPresent(a -> e.put("artifact_id", a.id()));
        s.error().ifPresent(err -> error(e, err));
        if (!s.resourcesLeftBehind().isEmpty()) {
            ArrayNode list = e.putArray("resources_left_behind");
            s.resourcesLeftBehind().forEach(r -> list.add(r.toString()));
        }
        return e;
    }

    private static ObjectNode error(ObjectNode e, Throwable error) {
        String type = error instanceof RedactedException r ? r.originalType() : error.getClass().getName();
        e.putObject("error").put("type", type).put("message", error.getMessage());
        return e;
    }

    private void write(ObjectNode event) {
        String line;
        try {
            line = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
