package dev.kiln.docker;

import dev.kiln.core.builder.Artifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a docker build made: a committed image (its id, e.g. {@code sha256:4f1c...}, and its tags), an exported
 * tar file, or nothing for a discarded container. Its {@link #id()} is Packer's artifact id: the image id for a
 * commit, which Packer's manifest records with {@code builder_type} {@code docker}.
 *
 * <pre>{@code
 * DockerImage image = (DockerImage) result.artifact("docker").orElseThrow();
 * image.imageId();   // "sha256:4f1c..."
 * image.tags();      // ["kiln/web:9e2d4c1a7b3f"]
 * }</pre>
 */
public final class DockerImage implements Artifact {
    private final String imageId;
    private final List<String> tags;
    private final Path exportPath;

    private DockerImage(String imageId, List<String> tags, Path exportPath) {
        this.imageId = imageId;
        this.tags = List.copyOf(tags);
        this.exportPath = exportPath;
    }

    /** A committed image with its tags ({@code repository:tag}). */
    public static DockerImage committed(String imageId, List<String> tags) {
        return new DockerImage(Objects.requireNonNull(imageId, "imageId"), tags, null);
    }

    /** A container exported to a tar file. */
    public static DockerImage exported(Path exportPath) {
        return new DockerImage(null, List.of(), Objects.requireNonNull(exportPath, "exportPath"));
    }

    /** A discarded container: no artifact to keep. */
    public static DockerImage discarded() {
        return new DockerImage(null, List.of(), null);
    }

    /** The committed image's id, or null when the container was exported or discarded. */
    public String imageId() {
        return imageId;
    }

    /** The committed image's tags, e.g. {@code kiln/web:9e2d4c1a7b3f}; empty when there is none. */
    public List<String> tags() {
        return tags;
    }

    /** The exported tar file, or null. */
    public Path exportPath() {
        return exportPath;
    }

    @Override
    public String builderType() {
        return Docker.TYPE;
    }

    /** The image id for a commit, the file for an export, and empty for a discarded container. */
    @Override
    public String id() {
        return imageId != null ? imageId : exportPath != null ? exportPath.toString() : "";
    }

    @Override
    public List<String> files() {
        return exportPath == null ? List.of() : List.of(exportPath.toString());
    }

    @Override
    public String describe() {
        if (imageId != null) {
            return "Imported Docker image: " + imageId + (tags.isEmpty() ? "" : " " + tags);
        }
        return exportPath != null ? "Exported Docker file: " + exportPath : "Container discarded";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DockerImage d && Objects.equals(imageId, d.imageId) && tags.equals(d.tags)
                && Objects.equals(exportPath, d.exportPath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(imageId, tags, exportPath);
    }

    @Override
    public String toString() {
        return "DockerImage{" + describe() + "}";
    }
}
