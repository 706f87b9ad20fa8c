package dev.kiln.core.pipeline;

import dev.kiln.core.KilnException;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.CleanupFailure;
import dev.kiln.core.run.internal.Unchecked;
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
 * @param error why it did not run, when it was skipped or could not start: a
 *     {@link dev.kiln.core.run.BuildCancelledException} when the pipeline was cancelled first, else a
 *     {@link KilnException} naming the image it starts from that did not succeed
 */
public record ImageResult(String name, String fingerprint, ImageOutcome outcome, Optional<BuildResult> build,
        Optional<Throwable> error) {
    /** No component may be null: an absent build or error is {@code Optional.empty()}. */
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

    /**
     * This result when the image was built or reused; else throws what failed it, as it is when unchecked and in
     * a {@link KilnException} when checked: the error of its first source that failed or was cancelled, else
     * the error of its first failed undo, else {@link #error()} (why it never ran).
     */
    public ImageResult orElseThrow() {
        if (outcome.succeeded()) {
            return this;
        }
        build.ifPresent(BuildResult::orElseThrow);
        Throwable failure = build.stream().flatMap(b -> b.sources().stream())
                .flatMap(s -> s.cleanupFailures().stream()).map(CleanupFailure::error).findFirst()
                .or(() -> error)
                .orElseGet(() -> new KilnException("Image '" + name + "' ended " + outcome));
        throw Unchecked.of(failure, "Image '" + name + "' failed");
    }
}
