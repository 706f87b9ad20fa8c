package dev.kiln.cli.internal.command;

import dev.kiln.cli.internal.template.GoValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Parses flags as Go's {@code flag} package does, which Packer uses: {@code -name}, {@code --name},
 * {@code -name=value} or {@code -name value}; a boolean flag takes no separate value ({@code -syntax-only} or
 * {@code -syntax-only=false}); parsing stops at the first argument that is not a flag, or after {@code --}.
 *
 * <pre>{@code
 * GoFlags flags = new GoFlags("validate").bool("syntax-only", v -> syntaxOnly = v).string("var", vars::add);
 * List<String> rest = flags.parse(args);
 * }</pre>
 */
final class GoFlags {
    /** A flag the command line names but the command doesn't define, or a flag without its value. */
    static final class FlagException extends Exception {
        private static final long serialVersionUID = 1L;

        FlagException(String message) {
            super(message);
        }
    }

    private record Flag(boolean isBool, Consumer<String> setter) {
    }

    private final Map<String, Flag> flags = new LinkedHashMap<>();

    /** Defines a boolean flag. */
    GoFlags bool(String name, Consumer<Boolean> setter) {
        flags.put(name, new Flag(true, v -> {
            Boolean value = GoValues.parseBool(v);
            if (value == null) {
                throw new IllegalArgumentException("parse error");
            }
            setter.accept(value);
        }));
        return this;
    }

    /** Defines a decimal integer flag, refused with Go's "parse error" when its value is not one. */
    GoFlags integer(String name, IntConsumer setter) {
        flags.put(name, new Flag(false, v -> {
            int value;
            try {
                value = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parse error", e);
            }
            setter.accept(value);
        }));
        return this;
    }

    /** Defines a flag with a value; a flag given several times calls {@code setter} for each. */
    GoFlags string(String name, Consumer<String> setter) {
        flags.put(name, new Flag(false, setter));
        return this;
    }

    /**
     * The arguments after the flags.
     *
     * @throws FlagException with Go's message, e.g. {@code flag provided but not defined: -x}
     */
    List<String> parse(List<String> args) throws FlagException {
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                break;
            }
            if (arg.equals("--")) {
                i++;
                break;
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            if (body.isEmpty() || body.startsWith("-") || body.startsWith("=")) {
                throw new FlagException("bad flag syntax: " + arg);
            }
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            Flag flag = flags.get(name);
            if (flag == null) {
                throw new FlagException("flag provided but not defined: -" + name);
            }
            i++;
            String value;
            if (eq >= 0) {
                value = body.substring(eq + 1);
            } else if (flag.isBool()) {
                value = "true";
            } else if (i < args.size()) {
                value = args.get(i++);
            } else {
                throw new FlagException("flag needs an argument: -" + name);
            }
            try {
                flag.setter().accept(value);
            } catch (IllegalArgumentException e) {
                String what = flag.isBool() ? "invalid boolean value " + quoted(value) + " for -"
                        : "invalid value " + quoted(value) + " for flag -";
                throw new FlagException(what + name + ": " + e.getMessage());
            }
        }
        return new ArrayList<>(args.subList(i, args.size()));
    }

    /** {@code value} in double quotes, with backslashes and quotes escaped, as Go's {@code %q} prints it. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * The command's one argument (the template) after its flags, or null after printing {@code help} and then
     * the flag's error, both on standard output, as Packer does for a wrong command line.
     */
    String template(List<String> args, Console console, String help) {
        List<String> rest;
        try {
            rest = parse(args);
        } catch (FlagException e) {
            console.ui().say(help);
            console.ui().say(e.getMessage());
            return null;
        }
        if (rest.size() != 1) {
            console.ui().say(help);
            return null;
        }
        return rest.get(0);
    }
}
