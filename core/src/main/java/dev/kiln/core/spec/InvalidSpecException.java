package dev.kiln.core.spec;

import dev.kiln.core.KilnException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown before any network call when a configuration has problems; lists every problem at once.
 */
public class InvalidSpecException extends KilnException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InvalidSpecException(String what, List<Problem> problems) {
        super(message(what, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order they were found. */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(String what, List<Problem> problems) {
        return what + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
