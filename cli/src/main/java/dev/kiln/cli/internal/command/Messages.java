package dev.kiln.cli.internal.command;

import dev.kiln.core.spec.Problem;
import java.util.List;

/**
 * Packer 1.6.6's shapes for errors, which tools and people reading Packer's output know: go-multierror's list
 * ({@code 1 error occurred:} and tab-indented {@code * } lines), Packer's own list ({@code N error(s) occurred:}),
 * and a diagnostic ({@code Error: SUMMARY}, a blank line, the detail word-wrapped at 80 columns for people).
 */
final class Messages {
    private static final int WIDTH = 80;

    private Messages() {
    }

    /** go-multierror's text: {@code 1 error occurred:\n\t* a\n\n} or {@code 2 errors occurred:\n\t* a\n\t* b\n\n}. */
    static String multiError(List<Problem> problems) {
        StringBuilder out = new StringBuilder().append(problems.size())
                .append(problems.size() == 1 ? " error occurred:\n" : " errors occurred:\n");
        problems.forEach(p -> out.append("\t* ").append(line(p)).append('\n'));
        return out.append('\n').toString();
    }

    /** Packer's own list: {@code 2 error(s) occurred:\n\n* a\n* b}. */
    static String packerErrors(List<Problem> problems) {
        StringBuilder out = new StringBuilder().append(problems.size()).append(" error(s) occurred:\n");
        problems.forEach(p -> out.append("\n* ").append(line(p)));
        return out.toString();
    }

    /** A diagnostic as Packer writes one: {@code Error: SUMMARY\n\nDETAIL\n\n}, wrapped when {@code wrap}. */
    static String diagnostic(String summary, String detail, boolean wrap) {
        return "Error: " + summary + "\n\n" + (wrap ? wrap(detail) : detail) + "\n\n";
    }

    /** One problem: its field, what is wrong and the fix; a JSON syntax error without a fix (it ends in a caret). */
    static String line(Problem p) {
        if (p.field().equals("Error parsing JSON")) {
            return p.field() + ": " + p.problem();
        }
        return p.toString();
    }

    /** {@code text} with each line broken at spaces so that none is longer than 80 columns, as Packer does. */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            int lineLength = 0;
            boolean first = true;
            for (String word : lines[i].split(" ", -1)) {
                if (!first && lineLength + 1 + word.length() > WIDTH) {
                    out.append('\n');
                    lineLength = 0;
                } else if (!first) {
                    out.append(' ');
                    lineLength++;
                }
                out.append(word);
                lineLength += word.length();
                first = false;
            }
        }
        return out.toString();
    }
}
