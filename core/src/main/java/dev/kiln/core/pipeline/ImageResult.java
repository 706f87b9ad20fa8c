package dev.kiln.core.pipeline;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.run.BuildResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one image of a pipeline ended.
 *
 * @param name the image's name
 * @param fingerprint its fingerprint, including those of the images it starts from: the one its build used
 *     and tagged images with, or the one computed at the pipeline's start when it was not built
 * @param outcome how it ended
 * @param build its build, when one ran
 * @param error why it did not run, when it was skipped or could not start
 */
public record ImageResult(String name, String fingerprint, ImageOutcome outcome, Optional<BuildResult> build,
        Optional<Throwable> error) {
    public ImageResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(error, "error");
    }

    /** The artifact of the image's only source, or of its first source that has one. */
    public Optional<Artifact> artifact() {
        return build.flatMap(b -> b.artifacts().values().stream().findFirst());
    }

    /** How long its build took; zero when none ran. */
    public Duration duration() {
        return build.map(BuildResult::duration).orElse(Duration.ZERO);
    }
}
