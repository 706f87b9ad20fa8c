package dev.kiln.cli.internal.mapping;

import dev.kiln.core.builder.Artifact;
import dev.kiln.docker.Docker;
import dev.kiln.docker.DockerImage;
import java.util.List;

/**
 * What a docker-tag or docker-push post-processor hands on to the next one of its chain in Packer: the committed
 * image under another id ({@code repository:tag} after docker-tag) and the names it was given. A manifest later in
 * the chain records this id, as Packer's does; Kiln's docker post-processors work on {@link #image()}.
 *
 * <pre>{@code
 * Artifact tagged = new ChainedDockerImage(image, PackerArtifact.DOCKER_TAG, "web:1.0", List.of("web:1.0"));
 * }</pre>
 */
public final class ChainedDockerImage implements Artifact {
    private final DockerImage image;
    private final String packerBuilderId;
    private final String id;
    private final List<String> tags;

    /**
     * The chain's artifact for {@code image}.
     *
     * @param packerBuilderId the builder id Packer gives it, e.g. {@link PackerArtifact#DOCKER_TAG}
     * @param id the id Packer gives it, e.g. {@code web:latest}
     * @param tags the names Packer lists with it ({@code with tags ...})
     */
    public ChainedDockerImage(DockerImage image, String packerBuilderId, String id, List<String> tags) {
        this.image = image;
        this.packerBuilderId = packerBuilderId;
        this.id = id;
        this.tags = List.copyOf(tags);
    }

    /** The committed image the build made. */
    public DockerImage image() {
        return image;
    }

    /** The builder id Packer lists it with. */
    public String packerBuilderId() {
        return packerBuilderId;
    }

    /** The names it was given, e.g. {@code web:1.0}. */
    public List<String> tags() {
        return tags;
    }

    @Override
    public String builderType() {
        return Docker.TYPE;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> files() {
        return List.of();
    }

    @Override
    public String describe() {
        return "Imported Docker image: " + id + " with tags " + String.join(" ", tags);
    }

    @Override
    public String toString() {
        return "ChainedDockerImage{" + describe() + "}";
    }
}
