package dev.kiln.core.run;

import dev.kiln.core.builder.Artifact;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image another image is built from: its name, its fingerprint and the artifacts of its sources. A
 * downstream build's fingerprint includes the fingerprints of its upstream images, so it is rebuilt when
 * any of them changes.
 *
 * <pre>{@code
 * UpstreamImage base = new UpstreamImage("base", baseFingerprint, result.artifacts());
 * BuildResult app = kiln.build(appSpec, List.of(base));
 * }</pre>
 *
 * @param name the upstream image's name
 * @param fingerprint its fingerprint, as the build that made it saw it
 * @param artifacts its artifacts by source name
 */
public record UpstreamImage(String name, String fingerprint, Map<String, Artifact> artifacts) {
    /** Copies {@code artifacts} in their order; the name and fingerprint may not be null. */
    public UpstreamImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fingerprint, "fingerprint");
        artifacts = Collections.unmodifiableMap(new LinkedHashMap<>(artifacts));
    }

    /**
     * The artifact a downstream source starts from: the only artifact, or the one whose source has the
     * downstream source's name when there are several.
     */
    public Optional<Artifact> artifactFor(String sourceName) {
        if (artifacts.size() == 1) {
            return Optional.of(artifacts.values().iterator().next());
        }
        return Optional.ofNullable(artifacts.get(sourceName));
    }
}
