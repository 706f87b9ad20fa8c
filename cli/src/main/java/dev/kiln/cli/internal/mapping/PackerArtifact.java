package dev.kiln.cli.internal.mapping;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.core.builder.Artifact;
import dev.kiln.docker.Docker;
import java.util.List;

/**
 * An artifact as Packer lists it at the end of a build ({@code NAME,artifact,I,builder-id,...} and the lines after
 * it): Packer's builder id, the id, the text and the files.
 *
 * <pre>{@code
 * PackerArtifact listed = PackerArtifact.of(result.artifact("docker").orElseThrow());
 * listed.builderId(); // "packer.post-processor.docker-import" for a committed image
 * }</pre>
 *
 * @param builderId Packer's id of what made it, e.g. {@code mitchellh.amazonebs}
 * @param id the artifact id
 * @param string the text Packer prints after {@code -->}
 * @param files the local files it consists of
 */
public record PackerArtifact(String builderId, String id, String string, List<String> files) {
    /** Packer's builder id of amazon-ebs artifacts. */
    public static final String AMAZON_EBS = "mitchellh.amazonebs";
    /** Packer's builder id of a docker build's exported (or discarded) container. */
    public static final String DOCKER_EXPORT = "packer.docker";
    /** Packer's builder id of a docker build's committed image, and of what docker-push hands on. */
    public static final String DOCKER_IMPORT = "packer.post-processor.docker-import";
    /** Packer's builder id of what docker-tag hands on. */
    public static final String DOCKER_TAG = "packer.post-processor.docker-tag";

    /** Copies the files. */
    public PackerArtifact {
        files = List.copyOf(files);
    }

    /** How Packer lists {@code artifact}, a builder's or what a post-processor of a chain handed on. */
    public static PackerArtifact of(Artifact artifact) {
        if (artifact instanceof ChainedDockerImage chained) {
            return new PackerArtifact(chained.packerBuilderId(), chained.id(), chained.describe(), List.of());
        }
        if (artifact.builderType().equals(AmazonEbs.TYPE)) {
            return new PackerArtifact(AMAZON_EBS, artifact.id(), artifact.describe(), artifact.files());
        }
        if (artifact.builderType().equals(Docker.TYPE)) {
            // a commit is listed by its image id; an export (and, in Packer, a discarded container) by its file
            boolean committed = artifact.files().isEmpty() && !artifact.id().isEmpty();
            return committed
                    ? new PackerArtifact(DOCKER_IMPORT, artifact.id(), "Imported Docker image: " + artifact.id(), List.of())
                    : new PackerArtifact(DOCKER_EXPORT, artifact.id(), "Exported Docker file: " + artifact.id(),
                            artifact.files());
        }
        return new PackerArtifact(artifact.builderType(), artifact.id(), artifact.describe(), artifact.files());
    }
}
