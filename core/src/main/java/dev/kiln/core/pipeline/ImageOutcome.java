package dev.kiln.core.pipeline;

import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Outcome;

/** How one image of a pipeline ended. */
public enum ImageOutcome {
    /** At least one of its sources built a new artifact. */
    BUILT,
    /** Every source reused an existing artifact with the same fingerprint; nothing was launched. */
    REUSED,
    /**
     * Its build failed, or an undo of its cleanup failed (temporary resources may be left behind, see
     * {@link dev.kiln.core.run.SourceResult#cleanupFailures()}). In the second case its artifact exists and
     * the images that start from it may already have been built from it.
     */
    FAILED,
    /** Its build was cancelled. */
    CANCELLED,
    /** Not built, because an image it starts from failed or was cancelled. */
    SKIPPED;

    /**
     * How an image whose build ran ended: failed when a source failed or any undo failed, reused only when every
     * source reused an artifact.
     */
    public static ImageOutcome of(BuildResult build) {
        if (build.cancelled()) {
            return CANCELLED;
        }
        if (!build.succeeded() || build.sources().stream().anyMatch(s -> !s.cleanupFailures().isEmpty())) {
            return FAILED;
        }
        return build.sources().stream().allMatch(s -> s.outcome() == Outcome.REUSED) ? REUSED : BUILT;
    }

    /** True for {@link #BUILT} and {@link #REUSED}. */
    public boolean succeeded() {
        return this == BUILT || this == REUSED;
    }
}
