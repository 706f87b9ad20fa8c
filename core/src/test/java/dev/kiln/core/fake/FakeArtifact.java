package dev.kiln.core.fake;

import dev.kiln.core.builder.Artifact;
import java.util.List;

/** An artifact with fixed values. */
public record FakeArtifact(String builderType, String id, List<String> files) implements Artifact {
    public static FakeArtifact image(String id) {
        return new FakeArtifact("fake", id, List.of());
    }

    @Override
    public String describe() {
        return "Images were created:\n" + id;
    }
}
