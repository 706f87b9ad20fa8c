package dev.kiln.cli.internal.interpolate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the text/template subset Packer's JSON templates use: text and actions, each action a pipeline of
 * commands ({@code {{ isotime "2006" | upper }}}), operands being function names, {@code .Fields}, string
 * literals (quoted or raw), integers, booleans and parenthesised pipelines. {@code {{- } and {@code -}}} trim
 * the whitespace beside an action and {@code {{/* ... *}{@code /}}} is a comment, as in Go. Control
 * structures ({@code if}, {@code range}, ...) are refused with an error naming them.
 */
final class TemplateParser {
    private static final Set<String> CONTROL_WORDS =
            Set.of("if", "else", "end", "range", "with", "define", "template", "block", "break", "continue");

    private final String text;
    private final Set<String> functions;
    private int pos;
    private String action;
    private int actionStart;
    private int actionLine;
    private int at;

    /** A parser for {@code text} that knows these function names. */
    TemplateParser(String text, Set<String> functions) {
        this.text = text;
        this.functions = functions;
    }

    /** The template's nodes, in order. */
    List<Node> parse() throws TemplateException {
        List<Node> nodes = new ArrayList<>();
        boolean trimNext = false;
        while (pos < text.length()) {
            int open = text.indexOf("{{", pos);
            String literal = open < 0 ? text.substring(pos) : text.substring(pos, open);
            if (trimNext) {
                literal = literal.stripLeading();
            }
            if (open < 0) {
                addText(nodes, literal);
                break;
            }
            int start = open + 2;
            boolean trimBefore = text.startsWith("- ", start) || text.startsWith("-\t", start)
                    || text.startsWith("-\n", start);
            if (trimBefore) {
                literal = literal.stripTrailing();
                start++;
            }
            addText(nodes, literal);
            int close = findClose(start);
            boolean trimAfter = close > start && text.charAt(close - 1) == '-'
                    && close - 2 >= start && Character.isWhitespace(text.charAt(close - 2));
            action = text.substring(start, trimAfter ? close - 1 : close);
            actionStart = start;
            actionLine = lineAt(open);
            at = 0;
            String trimmed = action.strip();
            if (!(trimmed.startsWith("/*") && trimmed.endsWith("*/"))) {
                nodes.add(new Node.Action(pipeline(false), actionLine));
            }
            trimNext = trimAfter;
            pos = close + 2;
        }
        return nodes;
    }

    private static void addText(List<Node> nodes, String literal) {
        if (!literal.isEmpty()) {
            nodes.add(new Node.Text(literal));
        }
    }

    /** The index of the {@code }}} closing the action that starts at {@code from}, skipping quoted text. */
    private int findClose(int from) throws TemplateException {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '`') {
                int end = text.indexOf('`', i + 1);
                if (end < 0) {
                    throw error(lineAt(from), "unterminated raw quoted string");
                }
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                if (i >= text.length()) {
                    throw error(lineAt(from), "unterminated quoted string");
                }
                i++;
            } else if (text.startsWith("}}", i)) {
                return i;
            } else {
                i++;
            }
        }
        throw error(lineAt(from), "unclosed action");
    }

    private Node.Pipeline pipeline(boolean inParens) throws TemplateException {
        List<Node.Command> commands = new ArrayList<>();
        while (true) {
            Node.Command command = command();
            if (command.operands().isEmpty()) {
                throw error(actionLine, "missing value for command");
            }
            commands.add(command);
            skipSpace();
            if (at >= action.length()) {
                if (inParens) {
                    throw error(actionLine, "unclosed left paren");
                }
                return new Node.Pipeline(commands);
            }
            char c = action.charAt(at);
            if (c == '|') {
                at++;
            } else if (c == ')') {
                if (!inParens) {
                    throw error(actionLine, "unexpected right paren U+0029 ')'");
                }
                at++;
                return new Node.Pipeline(commands);
            } else {
                throw error(actionLine, "unexpected \"" + c + "\" in command");
            }
        }
    }

    private Node.Command command() throws TemplateException {
        List<Node> operands = new ArrayList<>();
        skipSpace();
        Node.Pos pos = pos();
        while (true) {
            skipSpace();
            if (at >= action.length() || action.charAt(at) == '|' || action.charAt(at) == ')') {
                return new Node.Command(operands, pos);
            }
            operands.add(operand());
        }
    }

    /** Go's position of the character at {@code at}: its line, and its column counted from 0. */
    private Node.Pos pos() {
        int index = actionStart + at;
        int lastNewline = text.lastIndexOf('\n', index - 1);
        return new Node.Pos(lineAt(index), index - lastNewline - 1);
    }

    private Node operand() throws TemplateException {
        char c = action.charAt(at);
        Node.Pos pos = pos();
        int start = at;
        if (c == '(') {
            at++;
            return pipeline(true);
        }
        if (c == '"') {
            String value = quoted();
            return new Node.Constant(value, action.substring(start, at), pos);
        }
        if (c == '`') {
            int end = action.indexOf('`', at + 1);
            String raw = action.substring(at + 1, end);
            at = end + 1;
            return new Node.Constant(raw, action.substring(start, at), pos);
        }
        if (c == '.') {
            do {
                at++;
                while (at < action.length() && isWordChar(action.charAt(at))) {
                    at++;
                }
            } while (at < action.length() - 1 && action.charAt(at) == '.' && isWordChar(action.charAt(at + 1)));
            return new Node.Field(action.substring(start + 1, at), pos);
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            Long value = number();
            return new Node.Constant(value, action.substring(start, at), pos);
        }
        if (Character.isLetter(c) || c == '_') {
            while (at < action.length() && isWordChar(action.charAt(at))) {
                at++;
            }
            String word = action.substring(start, at);
            if (word.equals("true") || word.equals("false")) {
                return new Node.Constant(Boolean.valueOf(word), word, pos);
            }
            if (word.equals("nil")) {
                throw error(actionLine, "nil is not a command");
            }
            if (CONTROL_WORDS.contains(word)) {
                throw error(actionLine, "{{" + word + "}} is not supported by Kiln's templates: "
                        + "use only values, functions and pipes");
            }
            if (TemplateFunctions.UNSUPPORTED.contains(word)) {
                throw error(actionLine, "function \"" + word + "\" is not supported by Kiln; supported: "
                        + String.join(", ", functions));
            }
            if (!functions.contains(word)) {
                throw error(actionLine, "function \"" + word + "\" not defined");
            }
            return new Node.Identifier(word, pos);
        }
        throw error(actionLine, "unexpected \"" + c + "\" in operand");
    }

    private Long number() throws TemplateException {
        int start = at;
        at++;
        while (at < action.length() && isWordChar(action.charAt(at))) {
            at++;
        }
        String literal = action.substring(start, at);
        try {
            return Long.decode(literal.startsWith("+") ? literal.substring(1) : literal);
        } catch (NumberFormatException e) {
            throw error(actionLine, "bad number syntax: \"" + literal + "\"");
        }
    }

    private String quoted() throws TemplateException {
        StringBuilder out = new StringBuilder();
        at++;
        while (at < action.length()) {
            char c = action.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= action.length()) {
                break;
            }
            char e = action.charAt(at++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '\\', '"', '\'' -> out.append(e);
                case 'u' -> {
                    out.append((char) Integer.parseInt(action.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw error(actionLine, "invalid syntax: unknown escape \\" + e);
            }
        }
        throw error(actionLine, "unterminated quoted string");
    }

    private void skipSpace() {
        while (at < action.length() && Character.isWhitespace(action.charAt(at))) {
            at++;
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private int lineAt(int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static TemplateException error(int line, String message) {
        return new TemplateException("template: root:" + line + ": " + message);
    }
}
