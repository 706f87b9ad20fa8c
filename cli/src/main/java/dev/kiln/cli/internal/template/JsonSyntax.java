package dev.kiln.cli.internal.template;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.core.spec.Problem;

/**
 * A JSON syntax error as Packer reports it: the parser's message, then the line, column and offset where Go's
 * decoder stopped (just after the offending character, or at the end of the text), and the line before with
 * the text read so far of the offending line, a caret under the column.
 */
final class JsonSyntax {
    private JsonSyntax() {
    }

    /** The problem for {@code error} in {@code text}. */
    static Problem problem(String text, JsonProcessingException error) {
        String message = error.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
        JsonLocation at = error.getLocation();
        long charOffset = at == null ? text.length() : at.getCharOffset();
        boolean atEnd = charOffset < 0 || message.contains("end-of-input");
        int offset = (int) (atEnd ? text.length() : Math.min(charOffset + 1, text.length()));
        int line = 1;
        int column = 0;
        String lastLine = "";
        StringBuilder thisLine = new StringBuilder();
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lastLine = thisLine.toString();
                thisLine.setLength(0);
                line++;
                column = 1;
            } else {
                column++;
                thisLine.append(c);
            }
        }
        StringBuilder highlight = new StringBuilder();
        if (line > 1) {
            highlight.append(String.format("%5d: %s%n", line - 1, lastLine));
        }
        highlight.append(String.format("%5d: %s%n", line, thisLine)).append(" ".repeat(column + 5)).append("^\n");
        return new Problem("Error parsing JSON", message + "\nAt line " + line + ", column " + column + " (offset "
                + offset + "):\n" + highlight, "correct the JSON syntax at that point (no comments or trailing "
                + "commas in JSON)");
    }
}
