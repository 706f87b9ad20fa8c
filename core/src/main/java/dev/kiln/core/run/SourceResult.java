package dev.kiln.core.run;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.Resource;
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
 * web.resourcesLeftBehind().forEach(r -> System.err.println("left: " + r));
 * }</pre>
 *
 * @param name the source's name
 * @param outcome how it ended
 * @param artifact the artifact, when one was built or reused
 * @param error why it failed or was cancelled
 * @param steps every step that ran, in the order they ended (a step inside another ends first)
 * @param cleanupFailures the undos that failed
 * @param resourcesLeftBehind resources that still exist because their undo failed or was skipped (ABORT)
 * @param duration how long the source took, cleanup included
 */
public record SourceResult(String name, Outcome outcome, Optional<Artifact> artifact, Optional<Throwable> error,
        List<StepTiming> steps, List<CleanupFailure> cleanupFailures, List<Resource> resourcesLeftBehind,
        Duration duration) {
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
}
