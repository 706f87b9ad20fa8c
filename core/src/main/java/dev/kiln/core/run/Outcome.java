package dev.kiln.core.run;

/**
 * How the build of one source ended.
 *
 * <pre>{@code
 * if (result.source("web").orElseThrow().outcome() == Outcome.REUSED) { ... }
 * }</pre>
 */
public enum Outcome {
    /** A new artifact was built. */
    BUILT,
    /** An artifact with the same fingerprint existed and was used; no machine was launched. */
    REUSED,
    /** The build failed. */
    FAILED,
    /** The build was cancelled or its thread interrupted. */
    CANCELLED;

    /** True for {@link #BUILT} and {@link #REUSED}. */
    public boolean succeeded() {
        return this == BUILT || this == REUSED;
    }
}
