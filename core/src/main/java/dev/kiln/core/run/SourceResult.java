package dev.kiln.core.run;

import dev.kiln.core.KilnException;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.run.internal.Unchecked;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the build of one source of a spec ended. Error messages have every secret masked.
 *
 * <pre>{@code
 * SourceResult web = result.source("web").orElseThrow();
 * web.error().ifPresent(e -> System.err.println(e.getMessage()));
 * String ami = web.orElseThrow().artifact().orElseThrow().id();   // throws the error when it failed
 * web.resourcesLeftBehind().forEach(r -> System.err.println("left: " + r));
 * }</pre>
 *
 * @param name the source's name
 * @param outcome how it ended
 * @param artifact the artifact, when one was built or reused
 * @param error why it failed or was cancelled: a {@link BuildCancelledException} when it was cancelled, a
 *     {@link KilnException} subclass for Kiln's own failures, else what the builder, provisioner or
 *     post-processor threw; secrets masked, class kept
 * @param steps every step that ran, in the order they ended (a step inside another ends first)
 * @param cleanupFailures the undos that failed
 * @param resourcesLeftBehind resources that still exist because their undo failed or was skipped (ABORT)
 * @param duration how long the source took, cleanup included
 */
public record SourceResult(String name, Outcome outcome, Optional<Artifact> artifact, Optional<Throwable> error,
        List<StepTiming> steps, List<CleanupFailure> cleanupFailures, List<Resource> resourcesLeftBehind,
        Duration duration) {
    /** Copies the lists; no component may be null (an absent artifact or error is empty). */
    public SourceResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(error, "error");
        steps = List.copyOf(steps);
        cleanupFailures = List.copyOf(cleanupFailures);
        resourcesLeftBehind = List.copyOf(resourcesLeftBehind);
        Objects.requireNonNull(duration, "duration");
    }

    /** True when the source was built or reused. */
    public boolean succeeded() {
        return outcome.succeeded();
    }

    /**
     * This result when the source was built or reused; else throws its {@link #error()}: as it is when it is
     * unchecked, in a {@link KilnException} when it is a checked exception. Failed undos don't make it throw:
     * see {@link #cleanupFailures()}.
     */
    public SourceResult orElseThrow() {
        if (succeeded()) {
            return this;
        }
        throw Unchecked.of(error.orElseGet(() -> new KilnException("Build '" + name + "' ended " + outcome)),
                "Build '" + name + "' failed");
    }
}
