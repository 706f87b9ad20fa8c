package dev.kiln.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.core.run.BuildEvent.ArtifactProduced;
import dev.kiln.core.run.BuildEvent.BuildFinished;
import dev.kiln.core.run.BuildEvent.BuildStarted;
import dev.kiln.core.run.BuildEvent.CleanupFailed;
import dev.kiln.core.run.BuildEvent.CleanupStarted;
import dev.kiln.core.run.BuildEvent.Detail;
import dev.kiln.core.run.BuildEvent.Message;
import dev.kiln.core.run.BuildEvent.Warning;
import dev.kiln.core.run.BuildEvent.OutputLine;
import dev.kiln.core.run.BuildEvent.ResourcesLeftBehind;
import dev.kiln.core.run.BuildEvent.SourceEvent;
import dev.kiln.core.run.BuildEvent.SourceFailed;
import dev.kiln.core.run.BuildEvent.SourceFinished;
import dev.kiln.core.run.BuildEvent.SourceStarted;
import dev.kiln.core.run.BuildEvent.StepFinished;
import dev.kiln.core.run.BuildEvent.StepStarted;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes every build event as one JSON object per line, for tools. Each line has {@code schema_version}
 * ({@value #SCHEMA_VERSION}), {@code time} (ISO-8601, UTC), {@code type} (e.g. {@code step-finished}),
 * {@code image}, {@code source} for the events of one source, and the event's own fields:
 *
 * <pre>
 * {"schema_version":1,"time":"2026-11-21T23:55:01Z","type":"output","image":"web","source":"amazon-ebs","stream":"stdout","line":"hello"}
 * </pre>
 *
 * <p>The JSON Schema {@code dev/kiln/core/run/build-events.schema.json}, in this jar, describes every type and
 * field. <b>Versioning:</b> {@code schema_version} goes up only when a change could break a reader that
 * ignores what it does not know: a field or event type removed or renamed, or a field's type or meaning
 * changed. New fields and new event types keep the version, so a reader must skip fields and types it does
 * not know. The schema is exact for the release it ships with.
 *
 * <pre>{@code
 * Kiln kiln = Kiln.builder().listener(new JsonLinesListener(new PrintStream(Files.newOutputStream(log)))).build();
 * }</pre>
 */
public final class JsonLinesListener implements BuildListener {
    /** The version of the lines' format, written on every line as {@code schema_version}. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;

    /** Writes to {@code out}. */
    public JsonLinesListener(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void on(BuildEvent event) {
        ObjectNode fields = JSON.createObjectNode();
        String type = fields(fields, event);
        ObjectNode line = JSON.createObjectNode().put("schema_version", SCHEMA_VERSION)
                .put("time", event.time().toString()).put("type", type).put("image", event.image());
        if (event instanceof SourceEvent s) {
            line.put("source", s.source());
        }
        write(line.setAll(fields));
    }

    /** Puts the event's own fields in {@code e} and returns its {@code type}. */
    private static String fields(ObjectNode e, BuildEvent event) {
        if (event instanceof BuildStarted b) {
            e.put("session_id", b.sessionId());
            b.sources().forEach(e.putArray("sources")::add);
            return "build-started";
        } else if (event instanceof BuildFinished b) {
            BuildResult result = b.result();
            e.put("session_id", result.sessionId()).put("succeeded", result.succeeded())
                    .put("duration_ms", result.duration().toMillis());
            ArrayNode sources = e.putArray("sources");
            result.sources().forEach(s -> sourceFields(sources.addObject(), s));
            return "build-finished";
        } else if (event instanceof SourceStarted) {
            return "source-started";
        } else if (event instanceof SourceFinished s) {
            sourceFields(e, s.result());
            return "source-finished";
        } else if (event instanceof StepStarted s) {
            e.put("step", s.step());
            return "step-started";
        } else if (event instanceof StepFinished s) {
            StepTiming timing = s.timing();
            e.put("step", timing.name()).put("start", timing.start().toString())
                    .put("duration_ms", timing.duration().toMillis()).put("outcome", timing.outcome().name());
            s.error().ifPresent(error -> error(e, error));
            return "step-finished";
        } else if (event instanceof Message m) {
            e.put("message", m.text());
            return "message";
        } else if (event instanceof Warning w) {
            e.put("message", w.text());
            return "warning";
        } else if (event instanceof Detail d) {
            e.put("message", d.text());
            return "detail";
        } else if (event instanceof OutputLine o) {
            e.put("stream", o.stream().name().toLowerCase(Locale.ROOT)).put("line", o.line());
            return "output";
        } else if (event instanceof ArtifactProduced a) {
            e.put("artifact_id", a.artifact().id()).put("builder_type", a.artifact().builderType())
                    .put("description", a.artifact().describe());
            a.artifact().files().forEach(e.putArray("files")::add);
            return "artifact";
        } else if (event instanceof SourceFailed f) {
            error(e, f.error());
            return "error";
        } else if (event instanceof CleanupStarted c) {
            e.put("cleanup", c.cleanup());
            return "cleanup-started";
        } else if (event instanceof CleanupFailed c) {
            error(e.put("cleanup", c.cleanup()), c.error());
            return "cleanup-failed";
        } else if (event instanceof ResourcesLeftBehind r) {
            ArrayNode list = e.putArray("resources");
            r.resources().forEach(res -> list.addObject().put("type", res.type()).put("id", res.id())
                    .put("location", res.location()));
            return "resources-left-behind";
        }
        throw new IllegalArgumentException("no JSON type for " + event.getClass().getName());
    }

    private static void sourceFields(ObjectNode e, SourceResult s) {
        e.put("name", s.name()).put("outcome", s.outcome().name()).put("duration_ms", s.duration().toMillis());
        s.artifact().ifPresent(a -> e.put("artifact_id", a.id()));
        s.error().ifPresent(err -> error(e, err));
        if (!s.resourcesLeftBehind().isEmpty()) {
            ArrayNode list = e.putArray("resources_left_behind");
            s.resourcesLeftBehind().forEach(r -> list.add(r.toString()));
        }
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
