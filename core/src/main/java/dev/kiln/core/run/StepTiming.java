package dev.kiln.core.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When one step of a source's build ran, for how long, and how it ended.
 *
 * <pre>{@code
 * result.source("web").orElseThrow().steps().forEach(s -> System.out.println(s.name() + " " + s.duration()));
 * }</pre>
 *
 * @param name the step's name, e.g. {@code launch} or {@code provisioner 1: shell}
 * @param start when it began
 * @param duration how long it ran
 * @param outcome how it ended
 */
public record StepTiming(String name, Instant start, Duration duration, StepOutcome outcome) {
    /** No component may be null. */
    public StepTiming {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
    }
}
