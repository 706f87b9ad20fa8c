package dev.kiln.core.builder;

/** Undoes one thing a build step did, e.g. deleting a temporary key pair. */
@FunctionalInterface
public interface Undo {
    /** Undoes it. A failure is reported, and the remaining undos still run. */
    void run() throws Exception;
}
