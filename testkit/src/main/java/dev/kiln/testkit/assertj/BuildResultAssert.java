package dev.kiln.testkit.assertj;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.SourceResult;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a Kiln {@link BuildResult}.
 *
 * <pre>{@code
 * assertThat(kiln.build(spec)).succeeded().hasArtifactIn("us-east-1");
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
        isNotNull();
        boolean found = actual.artifacts().values().stream()
                .flatMap(artifact -> Arrays.stream(artifact.id().split(",")))
                .anyMatch(pair -> pair.startsWith(region + ":") && pair.length() > region.length() + 1);
        if (!found) {
            failWithMessage("Expected build of %s to have an artifact in %s, but its artifacts are %s",
                    actual.imageName(), region, artifactIds());
        }
        return this;
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
