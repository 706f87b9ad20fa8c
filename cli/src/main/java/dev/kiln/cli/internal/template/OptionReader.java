package dev.kiln.cli.internal.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.core.spec.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a section's interpolated configuration by option name, converting values as Packer's weakly typed
 * decoding does ({@code "true"} and {@code 1} are booleans, {@code "22"} is a number, a number is a string),
 * and remembers which options were read, so that the rest can be reported as options Kiln lacks.
 *
 * <pre>{@code
 * OptionReader options = new OptionReader(config, "builder 'amazon-ebs'", problems);
 * options.string("region", ebs::region);
 * options.bool("associate_public_ip_address", ebs::associatePublicIpAddress);
 * options.unread().forEach(name -> ...);
 * }</pre>
 */
public final class OptionReader {
    private final ObjectNode config;
    private final String label;
    private final List<Problem> problems;
    private final Set<String> read = new LinkedHashSet<>();

    /** A reader over {@code config}, naming problems under {@code label}. */
    public OptionReader(ObjectNode config, String label, List<Problem> problems) {
        this.config = config;
        this.label = label;
        this.problems = problems;
    }

    /** True when the option is present and not null. */
    public boolean has(String name) {
        JsonNode value = config.get(name);
        return value != null && !value.isNull();
    }

    /** Passes a string option to {@code setter} when present and not empty (Go's zero value: unset). */
    public void string(String name, Consumer<String> setter) {
        JsonNode value = take(name);
        if (value == null) {
            return;
        }
        String text = GoValues.weakString(value);
        if (text == null) {
            problem(name, "expected a string, got " + TemplateReader.jsonType(value), "write it as a JSON string");
        } else if (!text.isEmpty()) {
            setter.accept(text);
        }
    }

    /** Passes a boolean option to {@code setter} when present. */
    public void bool(String name, Consumer<Boolean> setter) {
        JsonNode value = take(name);
        if (value == null) {
            return;
        }
        if (value.isBoolean()) {
            setter.accept(value.asBoolean());
            return;
        }
        if (value.isNumber()) {
            setter.accept(value.asDouble() != 0);
            return;
        }
        String text = value.isTextual() ? value.asText() : null;
        Boolean parsed = text == null ? null : text.isEmpty() ? Boolean.FALSE : GoValues.parseBool(text);
        if (parsed == null) {
            problem(name, "is not a boolean: " + value, "write true or false");
        } else {
            setter.accept(parsed);
        }
    }

    /** Passes an integer option to {@code setter} when present. */
    public void integer(String name, Consumer<Integer> setter) {
        JsonNode value = take(name);
        if (value == null) {
            return;
        }
        try {
            if (value.isNumber() && value.canConvertToInt()) {
                setter.accept(value.asInt());
            } else if (value.isTextual() && value.asText().isEmpty()) {
                return;
            } else if (value.isTextual()) {
                setter.accept(Integer.parseInt(value.asText().strip()));
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            problem(name, "is not a whole number: " + value, "write a whole number, e.g. 22");
        }
    }

    /** Passes a duration option written as Go writes one ({@code 5m}, {@code 1h30m}, {@code 10s}). */
    public void duration(String name, Consumer<Duration> setter) {
        string(name, text -> {
            try {
                setter.accept(GoDuration.parse(text));
            } catch (IllegalArgumentException e) {
                problem(name, e.getMessage(), "write a duration such as 30s, 5m or 1h30m");
            }
        });
    }

    /** Passes a list of strings when present; a single string counts as a list of one. */
    public void stringList(String name, Consumer<List<String>> setter) {
        JsonNode value = take(name);
        if (value == null) {
            return;
        }
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                String text = GoValues.weakString(item);
                if (text == null) {
                    problem(name, "holds a value that is not a string: " + item, "list strings only");
                    return;
                }
                values.add(text);
            }
        } else if (GoValues.weakString(value) != null) {
            values.add(GoValues.weakString(value));
        } else {
            problem(name, "expected a list of strings, got " + TemplateReader.jsonType(value),
                    "write it as [\"a\", \"b\"]");
            return;
        }
        setter.accept(values);
    }

    /** Passes a map of strings when present. */
    public void stringMap(String name, Consumer<Map<String, String>> setter) {
        JsonNode value = take(name);
        if (value == null) {
            return;
        }
        if (!value.isObject()) {
            problem(name, "expected a map of strings, got " + TemplateReader.jsonType(value),
                    "write it as { \"key\": \"value\" }");
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
            String text = GoValues.weakString(e.getValue());
            if (text == null) {
                problem(name + "." + e.getKey(), "is not a string: " + e.getValue(), "write it as a JSON string");
                return;
            }
            values.put(e.getKey(), text);
        }
        setter.accept(values);
    }

    /** A nested object option as a reader of its own, or null when absent or not an object (a problem then). */
    public OptionReader object(String name) {
        JsonNode value = take(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            problem(name, "expected an object, got " + TemplateReader.jsonType(value), "write it as { ... }");
            return null;
        }
        return new OptionReader((ObjectNode) value, label + ": " + name, problems);
    }

    /** A list-of-objects option as readers, one per element; empty when absent. */
    public List<OptionReader> objects(String name) {
        JsonNode value = take(name);
        List<OptionReader> readers = new ArrayList<>();
        if (value == null) {
            return readers;
        }
        if (!value.isArray()) {
            problem(name, "expected a list of objects, got " + TemplateReader.jsonType(value), "write it as [ { ... } ]");
            return readers;
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i).isObject()) {
                readers.add(new OptionReader((ObjectNode) value.get(i), label + ": " + name + "[" + i + "]", problems));
            } else {
                problem(name + "[" + i + "]", "expected an object, got " + TemplateReader.jsonType(value.get(i)),
                        "write it as { ... }");
            }
        }
        return readers;
    }

    /** Reports every option not read, as an option Kiln lacks; {@code what} names the section's kind. */
    public void reportUnread(String what, String supported) {
        List<String> unread = new ArrayList<>();
        config.fieldNames().forEachRemaining(name -> {
            if (!read.contains(name)) {
                unread.add(name);
            }
        });
        for (String name : unread) {
            problems.add(new Problem(label + ": " + name, "is not an option Kiln supports for " + what,
                    "remove it, or build this image with Kiln's Java API; supported options: " + supported));
        }
    }

    /** Adds a problem for an option of this section. */
    public void problem(String name, String problem, String fix) {
        problems.add(new Problem(label + ": " + name, problem, fix));
    }

    private JsonNode take(String name) {
        read.add(name);
        JsonNode value = config.get(name);
        return value == null || value.isNull() ? null : value;
    }
}
