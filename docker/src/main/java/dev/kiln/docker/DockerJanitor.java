package dev.kiln.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.core.builder.JanitorReport;
import dev.kiln.core.builder.Resource;
import dev.kiln.docker.internal.Engine;
import dev.kiln.docker.internal.KilnLabels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Removes what killed docker builds left on a daemon: every container labelled {@code dev.kiln.temporary=true}
 * and every dangling (untagged) image labelled {@code dev.kiln.session} (a commit whose build died before it
 * tagged the image, or an image whose {@code kiln/IMAGE:FINGERPRINT12} tag moved to a newer build of the same
 * spec and that no other tag holds), older than a given age. Tagged images are never touched; containers run
 * later from a finished image carry {@code dev.kiln.temporary=false}. A dry run lists without removing.
 *
 * <pre>{@code
 * JanitorReport report = DockerJanitor.builder().olderThan(Duration.ofHours(3)).dryRun(true).build().run();
 * }</pre>
 */
public final class DockerJanitor {
    private final DockerHost host;
    private final Duration olderThan;
    private final boolean dryRun;
    private final String session;
    private final Clock clock;

    private DockerJanitor(Builder b) {
        host = b.host;
        olderThan = b.olderThan;
        dryRun = b.dryRun;
        session = b.session;
        clock = b.clock;
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan is negative: give an age of zero or more, e.g. Duration.ofHours(3)");
        }
    }

    /** Starts a janitor: the daemon of {@link DockerHost#fromEnvironment()}, leftovers older than three hours. */
    public static Builder builder() {
        return new Builder();
    }

    /** Finds the leftovers and, unless this is a dry run, removes them; containers first, then images. */
    public JanitorReport run() throws InterruptedException {
        Engine engine = new Engine(host.socket());
        Instant cutoff = clock.instant().minus(olderThan);
        List<JanitorReport.Item> items = new ArrayList<>();
        Map<String, String> containerLabels = labels(KilnLabels.TEMPORARY, "true");
        JsonNode containers = engine.json("list of containers", "GET", "/containers/json?all=true&filters="
                + KilnLabels.filter(containerLabels, Map.of()), null);
        for (JsonNode c : containers) {
            if (old(c, cutoff)) {
                items.add(remove(engine, "container", c, "/containers/" + c.get("Id").asText() + "?force=true&v=true"));
            }
        }
        JsonNode images = engine.json("list of images", "GET", "/images/json?filters="
                + KilnLabels.filter(labels(KilnLabels.SESSION, session), Map.of("dangling", "true")), null);
        for (JsonNode i : images) {
            if (old(i, cutoff)) {
                items.add(remove(engine, "image", i, "/images/" + i.get("Id").asText() + "?force=true"));
            }
        }
        return new JanitorReport(dryRun, items);
    }

    private Map<String, String> labels(String key, String value) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(key, value);
        if (session != null && !key.equals(KilnLabels.SESSION)) {
            labels.put(KilnLabels.SESSION, session);
        }
        return labels;
    }

    private JanitorReport.Item remove(Engine engine, String type, JsonNode found, String path)
            throws InterruptedException {
        String id = found.get("Id").asText();
        Resource resource = new Resource(type, id, host.toString());
        String owner = found.path("Labels").path(KilnLabels.SESSION).asText("");
        if (dryRun) {
            return new JanitorReport.Item(resource, owner, JanitorReport.Action.WOULD_DELETE, "");
        }
        try {
            engine.json("removal of " + type + " " + id, "DELETE", path, null);
            return new JanitorReport.Item(resource, owner, JanitorReport.Action.DELETED, "");
        } catch (DockerException e) {
            return new JanitorReport.Item(resource, owner, JanitorReport.Action.FAILED, e.getMessage());
        }
    }

    /** Older than the cutoff by its {@code dev.kiln.created} label, or by the daemon's creation time without one. */
    private static boolean old(JsonNode found, Instant cutoff) {
        String created = found.path("Labels").path(KilnLabels.CREATED).asText("");
        Instant when;
        try {
            when = created.isEmpty() ? Instant.ofEpochSecond(found.path("Created").asLong()) : Instant.parse(created);
        } catch (java.time.format.DateTimeParseException e) {
            when = Instant.ofEpochSecond(found.path("Created").asLong());
        }
        return !when.isAfter(cutoff);
    }

    /** Collects a janitor's settings. */
    public static final class Builder {
        private DockerHost host = DockerHost.fromEnvironment();
        private Duration olderThan = Duration.ofHours(3);
        private boolean dryRun;
        private String session;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The daemon to clean. */
        public Builder host(DockerHost host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Only leftovers made longer ago than this. */
        public Builder olderThan(Duration age) {
            this.olderThan = Objects.requireNonNull(age, "olderThan");
            return this;
        }

        /** True to list without removing. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Only leftovers of this build session; null for every session. */
        public Builder session(String session) {
            this.session = session;
            return this;
        }

        /** The clock ages are measured against. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The janitor. */
        public DockerJanitor build() {
            return new DockerJanitor(this);
        }
    }
}
