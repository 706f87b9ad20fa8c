package dev.kiln.core.run.internal;

import dev.kiln.core.builder.Artifact;
import java.util.List;

/**
 * An artifact as listeners see it: its description with every secret masked.
 *
 * <pre>{@code
 * Artifact shown = new MaskedArtifact(artifact, redactor);
 * }</pre>
 */
final class MaskedArtifact implements Artifact {
    private final Artifact artifact;
    private final Redactor redactor;

    MaskedArtifact(Artifact artifact, Redactor redactor) {
        this.artifact = artifact;
        this.redactor = redactor;
    }

    @Override
    public String builderType() {
        return artifact.builderType();
    }

    @Override
    public String id() {
        return redactor.mask(artifact.id());
    }

    @Override
    public List<String> files() {
        return artifact.files();
    }

    @Override
    public String describe() {
        return redactor.mask(artifact.describe());
    }

    @Override
    public String toString() {
        return redactor.mask(artifact.toString());
    }
}
