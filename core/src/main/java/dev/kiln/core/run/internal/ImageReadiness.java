package dev.kiln.core.run.internal;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.run.UpstreamImage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * When a build's image can be used by the builds that start from it: as soon as every source has its artifact
 * (captured or reused), before their cleanups and post-processors run. It is known never to be usable as soon
 * as one source ends without an artifact. Thread-safe.
 *
 * <pre>{@code
 * ImageReadiness readiness = new ImageReadiness(settings, List.of("amazon-ebs"));
 * readiness.ready("amazon-ebs", artifact); // completes readiness.image()
 * }</pre>
 */
public final class ImageReadiness {
    private final RunSettings settings;
    private final List<String> sources;
    private final Map<String, Artifact> artifacts = new HashMap<>();
    private final CompletableFuture<Optional<UpstreamImage>> image = new CompletableFuture<>();

    /** Waits for an artifact from each of {@code sources}, the spec's source names in its order. */
    public ImageReadiness(RunSettings settings, List<String> sources) {
        this.settings = settings;
        this.sources = List.copyOf(sources);
    }

    /** Records that {@code source} has its artifact; the last of them makes the image usable. */
    public synchronized void ready(String source, Artifact artifact) {
        artifacts.put(source, artifact);
        if (artifacts.keySet().containsAll(sources)) {
            Map<String, Artifact> ordered = new LinkedHashMap<>();
            sources.forEach(name -> ordered.put(name, artifacts.get(name)));
            image.complete(Optional.of(new UpstreamImage(settings.imageName(), settings.fingerprint(), ordered)));
        }
    }

    /** Records that a source ended without an artifact: the image will never be usable. */
    public void never() {
        image.complete(Optional.empty());
    }

    /** The image once usable, or empty once it never will be. */
    public CompletableFuture<Optional<UpstreamImage>> image() {
        return image;
    }
}
