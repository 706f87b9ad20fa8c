package dev.kiln.core.spec;

import java.util.Objects;

/**
 * One thing wrong with a configuration: which field, what is wrong, and how to fix it.
 *
 * <pre>{@code
 * new Problem("amiName", "is empty", "set a name of 3 to 128 characters, e.g. packer-base-{timestamp}")
 * }</pre>
 *
 * @param field the field in the user's words, e.g. {@code sources[web].amiName}
 * @param problem what is wrong with it
 * @param fix what to do about it
 */
public record Problem(String field, String problem, String fix) {
    /** None of the three texts may be null. */
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    /** Returns the same problem with its field placed under {@code prefix}, as in {@code prefix.field}. */
    public Problem under(String prefix) {
        return new Problem(prefix + "." + field, problem, fix);
    }

    @Override
    public String toString() {
        return field + ": " + problem + " (fix: " + fix + ")";
    }
}
