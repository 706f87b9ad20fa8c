package dev.kiln.core.builder;

/**
 * A registered undo. Resources are tracked on it as soon as their ids are known, so that a build whose
 * undos are skipped (on-error ABORT) or fail can list exactly what it left behind.
 */
public interface Cleanup {
    /** Records a resource this undo removes. */
    void track(Resource resource);
}
