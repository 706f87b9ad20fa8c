package dev.kiln.core.post;

import java.nio.file.Path;

/**
 * Starts the built-in post-processors, each as its own typed builder.
 *
 * <pre>{@code
 * spec.postProcess(PostProcessors.manifest(Path.of("manifest.json")));
 * }</pre>
 */
public final class PostProcessors {
    private PostProcessors() {
    }

    /** Packer's manifest: appends each artifact to a {@code manifest.json}. */
    public static ManifestPostProcessor.Builder manifest(Path output) {
        return ManifestPostProcessor.builder(output);
    }
}
