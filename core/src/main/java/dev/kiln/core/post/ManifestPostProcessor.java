package dev.kiln.core.post;

import dev.kiln.core.Buildable;
import dev.kiln.core.KilnException;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.post.internal.ManifestEntry;
import dev.kiln.core.post.internal.ManifestStore;
import dev.kiln.core.spec.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Appends each artifact to a {@code manifest.json} in Packer's format, so scripts written for Packer's
 * manifest (e.g. {@code jq -r '.builds[-1].artifact_id'}) keep working. Each entry's {@code packer_run_uuid}, and
 * the file's {@code last_run_uuid}, is the build's session id unless {@link Builder#runUuid(String)} names the run
 * (a tool that runs several specs as one run, as {@code packer build} runs a template's builds, gives them one).
 * Sources of one spec may write the same file at once.
 *
 * <pre>{@code
 * spec.postProcess(PostProcessors.manifest(Path.of("manifest.json")).stripPath(true).customData("team", "web").build());
 * }</pre>
 */
public final class ManifestPostProcessor implements PostProcessor {
    private final Path output;
    private final boolean stripPath;
    private final Map<String, String> customData;
    private final String runUuid;
    private final Clock clock;

    private ManifestPostProcessor(Builder b) {
        output = b.output;
        stripPath = b.stripPath;
        customData = b.customData == null ? null : new TreeMap<>(b.customData);
        runUuid = b.runUuid;
        clock = b.clock;
    }

    /** Starts a manifest post-processor writing to {@code output}. */
    public static Builder builder(Path output) {
        return new Builder(output);
    }

    @Override
    public String type() {
        return "manifest";
    }

    /** The file written. */
    public Path output() {
        return output;
    }

    /** The run's uuid given to {@link Builder#runUuid(String)}; empty when each build records its session id. */
    public Optional<String> runUuid() {
        return Optional.ofNullable(runUuid);
    }

    @Override
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        if (Files.isDirectory(output)) {
            problems.add(new Problem("output", "is a directory: " + output, "name a file, e.g. manifest.json"));
        }
        return problems;
    }

    /**
     * Appends the artifact to the manifest.
     *
     * @throws KilnException when the manifest can't be read, parsed or written
     */
    @Override
    public void process(BuildContext context, Artifact artifact) {
        try {
            append(context, artifact);
        } catch (IOException e) {
            throw new KilnException("Cannot record the artifact in " + output + ": " + e.getMessage(), e);
        }
    }

    private void append(BuildContext context, Artifact artifact) throws IOException {
        List<ManifestEntry.ManifestFile> files = null;
        if (!artifact.files().isEmpty()) {
            files = new ArrayList<>();
            for (String name : artifact.files()) {
                Path file = Path.of(name);
                long size = Files.isRegularFile(file) ? Files.size(file) : 0;
                Path base = file.getFileName();
                files.add(new ManifestEntry.ManifestFile(stripPath && base != null ? base.toString() : name, size));
            }
        }
        String run = runUuid != null ? runUuid : context.sessionId();
        ManifestEntry entry = new ManifestEntry(context.sourceName(), artifact.builderType(),
                clock.instant().getEpochSecond(), files, artifact.id(), run, customData);
        ManifestStore.append(output, entry, run);
        context.detail("Recorded the artifact in " + output);
    }

    @Override
    public String toString() {
        return "ManifestPostProcessor{output=" + output + ", stripPath=" + stripPath + ", customData=" + customData
                + "}";
    }

    /** Collects a manifest post-processor's configuration. */
    public static final class Builder implements Buildable<ManifestPostProcessor> {
        private final Path output;
        private boolean stripPath;
        private Map<String, String> customData;
        private String runUuid;
        private Clock clock = Clock.systemUTC();

        private Builder(Path output) {
            this.output = Objects.requireNonNull(output, "output");
        }

        /** Records only the file names of an artifact's files, not their paths (Packer's strip_path). */
        public Builder stripPath(boolean strip) {
            stripPath = strip;
            return this;
        }

        /** Adds a key and value to the entry's {@code custom_data}. */
        public Builder customData(String key, String value) {
            if (customData == null) {
                customData = new TreeMap<>();
            }
            customData.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds every key and value to the entry's {@code custom_data}. */
        public Builder customData(Map<String, String> data) {
            data.forEach(this::customData);
            return this;
        }

        /**
         * The run's uuid, recorded as {@code packer_run_uuid} and {@code last_run_uuid}; the build's session id
         * unless set. Give every spec of one run the same, so {@code last_run_uuid} selects all of its builds.
         */
        public Builder runUuid(String runUuid) {
            this.runUuid = Objects.requireNonNull(runUuid, "runUuid");
            return this;
        }

        /** The clock that gives {@code build_time}; the system clock unless set (tests fix it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The post-processor. */
        @Override
        public ManifestPostProcessor build() {
            return new ManifestPostProcessor(this);
        }
    }
}
