package dev.kiln.docker;

import java.nio.file.Path;

/**
 * Starts the docker post-processors, each as its own typed builder, as {@code PostProcessors} does for the
 * built-in ones.
 *
 * <pre>{@code
 * spec.postProcess(DockerPostProcessors.tag("127.0.0.1:5000/web").tags("1.0"))
 *     .postProcess(DockerPostProcessors.push("127.0.0.1:5000/web").tags("1.0"))
 *     .postProcess(DockerPostProcessors.save(Path.of("web.tar")));
 * }</pre>
 */
public final class DockerPostProcessors {
    private DockerPostProcessors() {
    }

    /** Packer's docker-tag: tags the committed image in {@code repository}. */
    public static DockerTag.Builder tag(String repository) {
        return DockerTag.builder(repository);
    }

    /** Packer's docker-push: pushes {@code repository}'s tags to their registry. */
    public static DockerPush.Builder push(String repository) {
        return DockerPush.builder(repository);
    }

    /** Packer's docker-save: writes the committed image to a tar file. */
    public static DockerSave.Builder save(Path path) {
        return DockerSave.builder(path);
    }
}
