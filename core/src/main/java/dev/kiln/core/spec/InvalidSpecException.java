package dev.kiln.core.spec;

import dev.kiln.core.KilnException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Thrown before any network call when a configuration has problems; lists every problem at once.
 */
public class InvalidSpecException extends KilnException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    /**
     * The {@code problems} of {@code what} (e.g. {@code "Image pipeline"}); the message counts them, one a line.
     */
    public InvalidSpecException(String what, List<Problem> problems) {
        this(problems, message(what, problems), null);
    }

    private InvalidSpecException(List<Problem> problems, String message, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order they were found. */
    public List<Problem> problems() {
        return problems;
    }

    @Override
    protected InvalidSpecException copyMasked(UnaryOperator<String> mask, Throwable cause) {
        return new InvalidSpecException(problems.stream()
                .map(p -> new Problem(mask.apply(p.field()), mask.apply(p.problem()), mask.apply(p.fix()))).toList(),
                mask.apply(getMessage()), cause);
    }

    private static String message(String what, List<Problem> problems) {
        return what + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
