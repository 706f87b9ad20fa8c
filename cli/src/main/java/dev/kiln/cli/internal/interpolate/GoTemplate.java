package dev.kiln.cli.internal.interpolate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One parsed template string of a Packer JSON template, e.g. {@code packer-base-{{timestamp}}} or
 * {@code {{user `region`}}}, run against a {@link TemplateContext}. Errors read like Go's text/template
 * errors, which Packer prints: {@code template: root:1:2: executing "root" at <env `HOME`>: error calling env:
 * env vars are not allowed here}.
 *
 * <pre>{@code
 * String name = GoTemplate.parse("web-{{user `version`}}-{{timestamp}}").execute(ctx);
 * }</pre>
 */
public final class GoTemplate {
    /** Go's invalid value: what a field of nil data or a missing map key gives; printed as {@code <no value>}. */
    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private final List<Node> nodes;

    private GoTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * Parses a template.
     *
     * @throws TemplateException when it is not a valid template, or calls a function Kiln lacks
     */
    public static GoTemplate parse(String text) throws TemplateException {
        return new GoTemplate(new TemplateParser(text, TemplateFunctions.names()).parse());
    }

    /** True when {@code text} holds no action, so it is its own value. */
    public static boolean isLiteral(String text) {
        return !text.contains("{{");
    }

    /** The names of the functions Kiln's templates have, sorted. */
    public static Set<String> functionNames() {
        return new TreeSet<>(TemplateFunctions.names());
    }

    /** The names of the functions this template calls, in order of first use. */
    public Set<String> functionsCalled() {
        Set<String> names = new LinkedHashSet<>();
        nodes.forEach(n -> collect(n, names, true));
        return names;
    }

    /** The {@code .Fields} this template reads, in order of first use. */
    public Set<String> fieldsRead() {
        Set<String> names = new LinkedHashSet<>();
        nodes.forEach(n -> collect(n, names, false));
        return names;
    }

    /** The constant string arguments this template passes to {@code function}, e.g. the names given to user. */
    public Set<String> constantArguments(String function) {
        Set<String> values = new LinkedHashSet<>();
        nodes.forEach(n -> collectArguments(n, function, values));
        return values;
    }

    private static void collectArguments(Node node, String function, Set<String> values) {
        if (node instanceof Node.Action a) {
            collectArguments(a.pipeline(), function, values);
        } else if (node instanceof Node.Pipeline p) {
            p.commands().forEach(c -> collectArguments(c, function, values));
        } else if (node instanceof Node.Command c) {
            List<Node> operands = c.operands();
            if (operands.get(0) instanceof Node.Identifier id && id.name().equals(function)) {
                operands.stream().skip(1).filter(o -> o instanceof Node.Constant k && k.value() instanceof String)
                        .forEach(o -> values.add((String) ((Node.Constant) o).value()));
            }
            operands.forEach(o -> collectArguments(o, function, values));
        }
    }

    private static void collect(Node node, Set<String> names, boolean functions) {
        if (node instanceof Node.Action a) {
            collect(a.pipeline(), names, functions);
        } else if (node instanceof Node.Pipeline p) {
            p.commands().forEach(c -> collect(c, names, functions));
        } else if (node instanceof Node.Command c) {
            c.operands().forEach(o -> collect(o, names, functions));
        } else if (node instanceof Node.Identifier i && functions) {
            names.add(i.name());
        } else if (node instanceof Node.Field f && !functions) {
            names.add(f.name());
        }
    }

    /**
     * The template's text with every action replaced by its value.
     *
     * @throws TemplateException when a function fails or gets arguments of the wrong number or type
     */
    public String execute(TemplateContext ctx) throws TemplateException {
        StringBuilder out = new StringBuilder();
        for (Node node : nodes) {
            if (node instanceof Node.Text t) {
                out.append(t.text());
            } else if (node instanceof Node.Action a) {
                out.append(printed(new Evaluation(ctx).pipeline(a.pipeline())));
            }
        }
        return out.toString();
    }

    /** A value as Go's fmt prints it: a map as {@code map[k1:v1 k2:v2]}, keys sorted. */
    private static String printed(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new TreeMap<>(map).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        return String.valueOf(value);
    }

    /** Evaluates one action; its errors name the node that failed, and where, as Go's do. */
    private static final class Evaluation {
        private final TemplateContext ctx;
        /** The node evaluated last, where Go reports a value of the wrong type. */
        private Node last;

        Evaluation(TemplateContext ctx) {
            this.ctx = ctx;
        }

        /** A pipeline's value: each command's value is the last argument of the next. */
        Object pipeline(Node.Pipeline pipeline) throws TemplateException {
            Object value = null;
            boolean first = true;
            for (Node.Command command : pipeline.commands()) {
                value = command(command, value, !first);
                first = false;
            }
            return value;
        }

        private Object command(Node.Command command, Object piped, boolean hasPiped) throws TemplateException {
            Node head = command.operands().get(0);
            List<Node> rest = command.operands().subList(1, command.operands().size());
            if (!(head instanceof Node.Identifier id)) {
                if (!rest.isEmpty() || hasPiped) {
                    throw error(command, command.pos(), "can't give argument to non-function " + head.text());
                }
                return operand(head);
            }
            TemplateFunctions.Signature f = TemplateFunctions.get(id.name());
            checkCount(id, f, rest.size() + (hasPiped ? 1 : 0));
            last = id;
            List<Object> args = new ArrayList<>();
            for (int i = 0; i < rest.size(); i++) {
                args.add(argument(rest.get(i), parameter(f, i)));
            }
            if (hasPiped) {
                args.add(typed(piped, parameter(f, rest.size()), last));
            }
            return call(id.name(), f, args, command, command.pos());
        }

        private static Class<?> parameter(TemplateFunctions.Signature f, int index) {
            return f.params().get(Math.min(index, f.params().size() - 1));
        }

        /** An argument of type {@code type}: a constant of another kind is refused as Go refuses it. */
        private Object argument(Node arg, Class<?> type) throws TemplateException {
            if (arg instanceof Node.Constant c && !type.isInstance(c.value())) {
                throw error(c, c.pos(), "expected " + (type == Long.class ? "integer" : goType(type)) + "; found "
                        + c.text());
            }
            Object value = operand(arg);
            return typed(value, type, last);
        }

        /** {@code value} when it has the type, otherwise Go's error at {@code at}, the node last evaluated. */
        private static Object typed(Object value, Class<?> type, Node at) throws TemplateException {
            if (value == NO_VALUE) {
                throw error(at, position(at), "invalid value; expected " + goType(type));
            }
            if (!type.isInstance(value)) {
                throw error(at, position(at), "wrong type for value; expected " + goType(type) + "; got "
                        + goType(value.getClass()));
            }
            return value;
        }

        private static Node.Pos position(Node node) {
            if (node instanceof Node.Constant c) {
                return c.pos();
            }
            if (node instanceof Node.Identifier i) {
                return i.pos();
            }
            if (node instanceof Node.Field f) {
                return f.pos();
            }
            return ((Node.Pipeline) node).commands().get(0).pos();
        }

        private Object operand(Node node) throws TemplateException {
            if (!(node instanceof Node.Pipeline)) {
                last = node;
            }
            if (node instanceof Node.Constant c) {
                return c.value();
            }
            if (node instanceof Node.Field f) {
                return field(f);
            }
            if (node instanceof Node.Identifier id) {
                TemplateFunctions.Signature f = TemplateFunctions.get(id.name());
                checkCount(id, f, 0);
                return call(id.name(), f, List.of(), id, id.pos());
            }
            return pipeline((Node.Pipeline) node);
        }

        /**
         * A field's value. With no data (Go's nil) every field is {@code <no value>}; a key missing from a map is
         * too; any other missing field is an error, as in Go.
         */
        private Object field(Node.Field f) throws TemplateException {
            if (ctx.data().isEmpty()) {
                return NO_VALUE;
            }
            String[] names = f.name().split("\\.");
            Object value = ctx.data().get(names[0]);
            if (value == null) {
                throw error(f, f.pos(), "can't evaluate field " + names[0] + ": Kiln's templates have only "
                        + fieldList());
            }
            for (int i = 1; i < names.length; i++) {
                if (!(value instanceof Map<?, ?> map)) {
                    throw error(f, f.pos(), "can't evaluate field " + names[i] + " in type " + goType(value.getClass()));
                }
                value = map.containsKey(names[i]) ? map.get(names[i]) : NO_VALUE;
            }
            return value;
        }

        private String fieldList() {
            return String.join(", ", new TreeSet<>(ctx.data().keySet()).stream().map(k -> "." + k).toList());
        }

        /** Go checks the number of arguments first, and reports it at the function's name. */
        private static void checkCount(Node.Identifier id, TemplateFunctions.Signature f, int count)
                throws TemplateException {
            int wanted = f.params().size();
            if (f.variadic() ? count < wanted - 1 : count != wanted) {
                throw error(id, id.pos(), "wrong number of args for " + id.name() + ": want " + (f.variadic()
                        ? "at least " + (wanted - 1) : wanted) + " got " + count);
            }
        }

        private Object call(String name, TemplateFunctions.Signature f, List<Object> args, Node at, Node.Pos pos)
                throws TemplateException {
            try {
                return f.body().call(ctx, args);
            } catch (TemplateFunctions.FunctionError e) {
                throw error(at, pos, "error calling " + name + ": " + e.getMessage());
            }
        }

        private static String goType(Class<?> type) {
            if (Map.class.isAssignableFrom(type)) {
                return "map[string]string";
            }
            if (type == Long.class) {
                return "int";
            }
            return type == Boolean.class ? "bool" : "string";
        }

        private static TemplateException error(Node at, Node.Pos pos, String message) {
            return new TemplateException("template: root:" + pos.line() + ":" + pos.column() + ": executing \"root\" at <"
                    + at.text() + ">: " + message);
        }
    }
}
