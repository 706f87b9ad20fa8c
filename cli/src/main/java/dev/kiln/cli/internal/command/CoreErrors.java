package dev.kiln.cli.internal.command;

import dev.kiln.core.spec.Problem;
import java.util.List;

/**
 * The message of Packer's "initializing core" stage: a template that needs a newer Packer, or a user variable
 * that can't be worked out, is reported alone as it is; the template's other problems (builders, only/except,
 * overrides, required variables) as a list.
 */
final class CoreErrors {
    private CoreErrors() {
    }

    /** The message for {@code problems}, wrapped for people when {@code human}. */
    static String message(List<Problem> problems, boolean human) {
        Problem first = problems.get(0);
        boolean alone = first.field().equals("min_packer_version") || first.field().startsWith("variable ");
        return Messages.diagnostic("", alone ? first.toString() : Messages.multiError(problems), human);
    }
}
