package dev.kiln.cli.internal.template;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.core.spec.Problem;

/**
 * A JSON syntax error as Packer reports it: the parser's message, then the line, column and offset, and the
 * offending line (with the one before it) with a caret under the column.
 */
final class JsonSyntax {
    private JsonSyntax() {
    }

    /** The problem for {@code error} in {@code text}. */
    static Problem problem(String text, JsonProcessingException error) {
        JsonLocation at = error.getLocation();
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        long offset = at == null ? 0 : Math.max(0, at.getCharOffset());
        String message = error.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
        return new Problem("Error parsing JSON", message + "\nAt line " + line + ", column " + column + " (offset "
                + offset + "):\n" + highlight(text, line, column),
                "correct the JSON syntax at that point (no comments or trailing commas in JSON)");
    }

    private static String highlight(String text, int line, int column) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        if (line > 1 && line - 2 < lines.length) {
            out.append(String.format("%5d: %s%n", line - 1, lines[line - 2]));
        }
        String current = line - 1 < lines.length ? lines[line - 1] : "";
        out.append(String.format("%5d: %s%n", line, current));
        out.append(" ".repeat(column + 5)).append('^');
        return out.toString();
    }
}
