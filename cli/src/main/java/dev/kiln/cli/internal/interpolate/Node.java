package dev.kiln.cli.internal.interpolate;

import java.util.List;

/** A parsed piece of a template: text, or an action and the values it is made of. */
sealed interface Node {
    /** Literal text, copied to the output. */
    record Text(String text) implements Node {
    }

    /** {@code {{ pipeline }}}: its value is printed. */
    record Action(Pipeline pipeline, int line, String source) implements Node {
    }

    /** Commands joined by {@code |}: each command's value becomes the last argument of the next. */
    record Pipeline(List<Command> commands) implements Node {
    }

    /** A function call with its arguments, or a single operand. */
    record Command(List<Node> operands) implements Node {
    }

    /** A function name. */
    record Identifier(String name) implements Node {
    }

    /** {@code .Name}: a field of the data, such as {@code .Path} in an execute command. */
    record Field(String name) implements Node {
    }

    /** A string, number or boolean constant. */
    record Constant(Object value) implements Node {
    }
}
