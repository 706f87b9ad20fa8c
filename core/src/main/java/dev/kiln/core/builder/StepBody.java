package dev.kiln.core.builder;

/** The work of one build step. */
@FunctionalInterface
public interface StepBody<T> {
    /** Does the step's work; returns its result, or null for none. */
    T run() throws Exception;
}
