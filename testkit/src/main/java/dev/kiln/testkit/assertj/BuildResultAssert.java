package dev.kiln.testkit.assertj;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.SourceResult;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ assertions on a Kiln {@link BuildResult}.
 *
 * <pre>{@code
 * assertThat(kiln.build(spec)).succeeded().hasArtifactIn("us-east-1");
 * String ami = assertThat(result).artifactIn("us-east-1").actual();
 * }</pre>
 */
public final class BuildResultAssert extends AbstractAssert<BuildResultAssert, BuildResult> {

    BuildResultAssert(BuildResult actual) {
        super(actual, BuildResultAssert.class);
    }

    /** Passes when every source was built or reused; the failure names each failed source and why. */
    public BuildResultAssert succeeded() {
        isNotNull();
        if (!actual.succeeded()) {
            failWithMessage("Expected build of %s to succeed, but:%n%s", actual.imageName(),
                    actual.failures().stream().map(BuildResultAssert::describe).collect(Collectors.joining("\n")));
        }
        return this;
    }

    /** Passes when some source did not succeed. */
    public BuildResultAssert failed() {
        isNotNull();
        if (actual.succeeded()) {
            failWithMessage("Expected build of %s to fail, but it succeeded with %s", actual.imageName(), artifactIds());
        }
        return this;
    }

    /** Passes when an artifact holds an image in {@code region} (an artifact id pair {@code region:id}). */
    public BuildResultAssert hasArtifactIn(String region) {
        imageIn(region);
        return this;
    }

    /**
     * Assertions on the id of the image built in {@code region}: the {@code id} of the first artifact, in the
     * spec's order, whose id has a pair {@code region:id}. Fails when there is none, listing the artifacts.
     *
     * <pre>{@code
     * String ami = assertThat(result).artifactIn("us-east-1").startsWith("ami-").actual();
     * }</pre>
     */
    public AbstractStringAssert<?> artifactIn(String region) {
        return Assertions.assertThat(imageIn(region)).as("the image of %s in %s", actual.imageName(), region);
    }

    private String imageIn(String region) {
        isNotNull();
        String prefix = region + ":";
        return actual.artifacts().values().stream()
                .flatMap(artifact -> Arrays.stream(artifact.id().split(",")))
                .filter(pair -> pair.startsWith(prefix) && pair.length() > prefix.length())
                .map(pair -> pair.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> failure("Expected build of %s to have an artifact in %s, but its artifacts are %s",
                        actual.imageName(), region, artifactIds()));
    }

    private String artifactIds() {
        return actual.artifacts().values().stream().map(Artifact::id).toList().toString();
    }

    private static String describe(SourceResult source) {
        String why = source.error().map(e -> e.getClass().getSimpleName() + ": " + e.getMessage()).orElse("no error recorded");
        String left = source.resourcesLeftBehind().isEmpty() ? "" : "; left behind: " + source.resourcesLeftBehind();
        return "  " + source.name() + " " + source.outcome() + ": " + why + left;
    }
}
