package dev.kiln.docker.internal;

import dev.kiln.core.builder.BuildContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels Kiln puts on what it creates in Docker. A build's container carries {@code dev.kiln.temporary=true},
 * {@code dev.kiln.session}, {@code dev.kiln.source} and {@code dev.kiln.created} (ISO-8601), so the janitor
 * finds what a killed build left; a committed image gets {@code dev.kiln.temporary=false} and
 * {@code dev.kiln.fingerprint} on top of the container's labels.
 */
public final class KilnLabels {
    /** {@code true} on a build's container. */
    public static final String TEMPORARY = "dev.kiln.temporary";
    /** The build session's id. */
    public static final String SESSION = "dev.kiln.session";
    /** The source's name. */
    public static final String SOURCE = "dev.kiln.source";
    /** When it was made, ISO-8601. */
    public static final String CREATED = "dev.kiln.created";
    /** The spec's fingerprint, on a committed image. */
    public static final String FINGERPRINT = "dev.kiln.fingerprint";

    private KilnLabels() {
    }

    /** The labels of this build's container. */
    public static Map<String, String> container(BuildContext context) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(TEMPORARY, "true");
        labels.put(SESSION, context.sessionId());
        labels.put(SOURCE, context.sourceName());
        labels.put(CREATED, Instant.now().toString());
        return labels;
    }

    /** The labels a commit sets on the image. */
    public static Map<String, String> image(BuildContext context) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(TEMPORARY, "false");
        labels.put(FINGERPRINT, context.fingerprint());
        labels.put(CREATED, Instant.now().toString());
        return labels;
    }

    /** The {@code filters} query value selecting by these labels, e.g. {@code {"label":["k=v"]}}. */
    public static String filter(Map<String, String> labels, Map<String, String> other) {
        var json = Engine.object();
        var list = json.putArray("label");
        labels.forEach((k, v) -> list.add(v == null ? k : k + "=" + v));
        other.forEach((k, v) -> json.putArray(k).add(v));
        return Engine.q(json.toString());
    }
}
