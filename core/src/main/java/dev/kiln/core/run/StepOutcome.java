package dev.kiln.core.run;

/**
 * How one step of a build ended.
 *
 * <pre>{@code
 * steps.stream().filter(s -> s.outcome() == StepOutcome.FAILED).findFirst();
 * }</pre>
 */
public enum StepOutcome {
    /** It completed. */
    SUCCEEDED,
    /** It threw. */
    FAILED,
    /** It was cancelled or interrupted. */
    CANCELLED
}
