package dev.kiln.docker.internal;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.docker.DockerImage;
import java.util.Optional;

/** The committed image a docker post-processor works on, or why it has none. */
public final class ImageOf {
    private ImageOf() {
    }

    /**
     * The artifact as a committed docker image; empty, with a line saying so, for another builder's artifact (a
     * spec with an amazon-ebs and a docker source runs the docker post-processors for both) or an export.
     */
    public static Optional<DockerImage> artifact(BuildContext context, String postProcessor, Artifact artifact) {
        if (artifact instanceof DockerImage image && image.imageId() != null) {
            return Optional.of(image);
        }
        context.say(postProcessor + ": skipped, " + artifact.builderType() + " artifact "
                + (artifact.id().isEmpty() ? "(none)" : artifact.id()) + " is not a committed docker image");
        return Optional.empty();
    }
}
