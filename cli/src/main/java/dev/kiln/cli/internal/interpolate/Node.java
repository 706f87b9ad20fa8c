package dev.kiln.cli.internal.interpolate;

import java.util.List;
import java.util.stream.Collectors;

/** A parsed piece of a template: text, or an action and the values it is made of. */
sealed interface Node {
    /**
     * Where a node is, for errors: Go's {@code root:LINE:COLUMN} (the column counted from 0) and the node's text
     * as Go prints it.
     */
    record Pos(int line, int column) {
    }

    /** The node as Go's text/template prints it in an error's {@code <...>}. */
    String text();

    /** Literal text, copied to the output. */
    record Text(String text) implements Node {
    }

    /** {@code {{ pipeline }}}: its value is printed. */
    record Action(Pipeline pipeline, int line) implements Node {
        @Override
        public String text() {
            return "{{" + pipeline.text() + "}}";
        }
    }

    /** Commands joined by {@code |}: each command's value becomes the last argument of the next. */
    record Pipeline(List<Command> commands) implements Node {
        @Override
        public String text() {
            return commands.stream().map(Command::text).collect(Collectors.joining(" | "));
        }
    }

    /** A function call with its arguments, or a single operand. */
    record Command(List<Node> operands, Pos pos) implements Node {
        @Override
        public String text() {
            return operands.stream().map(o -> o instanceof Pipeline p ? "(" + p.text() + ")" : o.text())
                    .collect(Collectors.joining(" "));
        }
    }

    /** A function name. */
    record Identifier(String name, Pos pos) implements Node {
        @Override
        public String text() {
            return name;
        }
    }

    /**
     * {@code .Name}: a field of the data, such as {@code .Path} in an execute command; {@code .Tags.Key} reads a
     * key of a map field (the name is then {@code Tags.Key}).
     */
    record Field(String name, Pos pos) implements Node {
        @Override
        public String text() {
            return "." + name;
        }
    }

    /** A string, number or boolean constant, with its text as written. */
    record Constant(Object value, String text, Pos pos) implements Node {
    }
}
