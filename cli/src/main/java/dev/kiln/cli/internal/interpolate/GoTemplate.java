package dev.kiln.cli.internal.interpolate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
                out.append(goPrint(new Evaluation(ctx, a).pipeline(a.pipeline(), null)));
            }
        }
        return out.toString();
    }

    private static String goPrint(Object value) {
        return String.valueOf(value);
    }

    /** Evaluates one action; its errors name the action as Go's do. */
    private static final class Evaluation {
        private final TemplateContext ctx;
        private final Node.Action action;

        Evaluation(TemplateContext ctx, Node.Action action) {
            this.ctx = ctx;
            this.action = action;
        }

        /** A pipeline's value; {@code piped} is the previous command's value, or null for the first. */
        Object pipeline(Node.Pipeline pipeline, Object piped) throws TemplateException {
            Object value = piped;
            boolean first = true;
            for (Node.Command command : pipeline.commands()) {
                value = command(command, first ? null : value, !first);
                first = false;
            }
            return value;
        }

        private Object command(Node.Command command, Object piped, boolean hasPiped) throws TemplateException {
            Node head = command.operands().get(0);
            List<Node> rest = command.operands().subList(1, command.operands().size());
            if (head instanceof Node.Identifier id) {
                List<Object> args = new ArrayList<>();
                for (Node arg : rest) {
                    args.add(operand(arg));
                }
                if (hasPiped) {
                    args.add(piped);
                }
                return call(id.name(), args);
            }
            if (!rest.isEmpty() || hasPiped) {
                throw error("can't give argument to non-function " + describe(head));
            }
            return operand(head);
        }

        private Object operand(Node node) throws TemplateException {
            if (node instanceof Node.Constant c) {
                return c.value();
            }
            if (node instanceof Node.Field f) {
                String value = ctx.data().get(f.name());
                if (value == null) {
                    throw error("can't evaluate field " + f.name() + ": Kiln's templates have "
                            + (ctx.data().isEmpty() ? "no fields here" : "only " + fieldList()));
                }
                return value;
            }
            if (node instanceof Node.Identifier id) {
                return call(id.name(), List.of());
            }
            if (node instanceof Node.Pipeline p) {
                return pipeline(p, null);
            }
            throw error("can't evaluate " + node);
        }

        private String fieldList() {
            return String.join(", ", new TreeSet<>(ctx.data().keySet()).stream().map(k -> "." + k).toList());
        }

        private Object call(String name, List<Object> args) throws TemplateException {
            TemplateFunctions.Signature f = TemplateFunctions.get(name);
            int wanted = f.params().size();
            if (f.variadic() ? args.size() < wanted - 1 : args.size() != wanted) {
                throw error("wrong number of args for " + name + ": want " + (f.variadic() ? "at least " + (wanted - 1)
                        : wanted) + " got " + args.size());
            }
            for (int i = 0; i < args.size(); i++) {
                Class<?> type = f.params().get(Math.min(i, wanted - 1));
                if (!type.isInstance(args.get(i))) {
                    throw error("wrong type for value; expected " + goType(type) + "; got " + goType(args.get(i).getClass()));
                }
            }
            try {
                return f.body().call(ctx, args);
            } catch (TemplateFunctions.FunctionError e) {
                throw error("error calling " + name + ": " + e.getMessage());
            }
        }

        private static String goType(Class<?> type) {
            if (type == Long.class) {
                return "int";
            }
            return type == Boolean.class ? "bool" : "string";
        }

        private static String describe(Node node) {
            if (node instanceof Node.Constant c) {
                return c.value() instanceof String s ? "\"" + s + "\"" : String.valueOf(c.value());
            }
            return node instanceof Node.Field f ? "." + f.name() : node.toString();
        }

        private TemplateException error(String message) {
            String source = action.source().substring(2, action.source().length() - 2).strip();
            return new TemplateException("template: root:" + action.line() + ": executing \"root\" at <" + source
                    + ">: " + message);
        }
    }
}
