package dev.kiln.testkit.assertj;

import static dev.kiln.testkit.assertj.KilnAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Outcome;
import dev.kiln.core.run.SourceResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildResultAssertTest {

    private static Artifact ami(String id) {
        return new Artifact() {
            @Override
            public String builderType() {
                return "amazon-ebs";
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
                return "AMIs were created: " + id;
            }
        };
    }

    private static BuildResult result(SourceResult... sources) {
        return new BuildResult("web", "session-1", "f1", List.of(sources), Duration.ofSeconds(3));
    }

    private static SourceResult built(String name, String artifactId) {
        return new SourceResult(name, Outcome.BUILT, Optional.of(ami(artifactId)), Optional.empty(), List.of(), List.of(),
                List.of(), Duration.ofSeconds(1));
    }

    @Test
    void aSucceededBuildHasItsArtifactsRegions() {
        BuildResult result = result(built("web", "us-east-1:ami-0abc,us-west-2:ami-0def"));
        assertThat(result).succeeded().hasArtifactIn("us-east-1").hasArtifactIn("us-west-2");
        assertThatThrownBy(() -> assertThat(result).hasArtifactIn("eu-west-1"))
                .hasMessageContaining("eu-west-1").hasMessageContaining("us-east-1:ami-0abc,us-west-2:ami-0def");
        assertThatThrownBy(() -> assertThat(result).hasArtifactIn("us-east")).isInstanceOf(AssertionError.class);
    }

    @Test
    void artifactInIsTheIdOfTheImageInTheRegion() {
        BuildResult result = result(built("web", "us-east-1:ami-0abc,us-west-2:ami-0def"));
        assertThat(result).artifactIn("us-east-1").isEqualTo("ami-0abc");
        org.assertj.core.api.Assertions.assertThat(assertThat(result).artifactIn("us-west-2").actual())
                .isEqualTo("ami-0def");
        assertThatThrownBy(() -> assertThat(result).artifactIn("us-west-1")).isInstanceOf(AssertionError.class)
                .hasMessage("Expected build of web to have an artifact in us-west-1, but its artifacts are "
                        + "[us-east-1:ami-0abc,us-west-2:ami-0def]");
        assertThatThrownBy(() -> assertThat(result).artifactIn("us-east-1").isEqualTo("ami-0xyz"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("[the image of web in us-east-1]")
                .hasMessageContaining("ami-0abc").hasMessageContaining("ami-0xyz");
    }

    @Test
    void aFailedBuildSaysWhichSourceFailedAndWhy() {
        SourceResult failed = new SourceResult("db", Outcome.FAILED, Optional.empty(),
                Optional.of(new IllegalStateException("Timeout waiting for SSH")), List.of(), List.of(), List.of(),
                Duration.ofSeconds(2));
        BuildResult result = result(built("web", "us-east-1:ami-0abc"), failed);
        assertThat(result).failed();
        assertThatThrownBy(() -> assertThat(result).succeeded())
                .hasMessageContaining("db FAILED: IllegalStateException: Timeout waiting for SSH");
    }
}
