package dev.kiln.cli.internal.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kiln.cli.internal.interpolate.GoTemplate;
import dev.kiln.cli.internal.interpolate.TemplateContext;
import dev.kiln.cli.internal.interpolate.TemplateException;
import dev.kiln.core.spec.Problem;
import java.util.List;
import java.util.Map;

/**
 * Renders every string of a section's configuration (keys and values, at any depth) as a template, as Packer
 * does when a builder or provisioner is prepared. A key whose value another stage renders (a shell
 * provisioner's {@code execute_command}, with {@code .Path} and {@code .Vars}) gets its own context.
 *
 * <pre>{@code
 * ObjectNode config = Interpolation.render(section.config(), ctx, Map.of(), "builder 'amazon-ebs'", problems);
 * }</pre>
 */
public final class Interpolation {
    private Interpolation() {
    }

    /**
     * The configuration with every string rendered; a string that fails adds a problem and stays as written.
     *
     * @param config the section's configuration
     * @param ctx the context for every key but those in {@code keyContexts}
     * @param keyContexts top-level keys rendered in a context of their own
     * @param label how problems name the section, e.g. {@code builder 'amazon-ebs'}
     * @param problems where problems are added
     */
    public static ObjectNode render(ObjectNode config, TemplateContext ctx, Map<String, TemplateContext> keyContexts,
            String label, List<Problem> problems) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        config.fields().forEachRemaining(e -> {
            TemplateContext keyCtx = keyContexts.getOrDefault(e.getKey(), ctx);
            out.set(e.getKey(), value(e.getValue(), keyCtx, label + ": " + e.getKey(), problems));
        });
        return out;
    }

    /** One string rendered, or a problem and the string as written. */
    public static String text(String text, TemplateContext ctx, String field, List<Problem> problems) {
        if (GoTemplate.isLiteral(text)) {
            return text;
        }
        try {
            return GoTemplate.parse(text).execute(ctx);
        } catch (TemplateException e) {
            problems.add(new Problem(field, e.getMessage(), fix(e.getMessage())));
            return text;
        }
    }

    private static JsonNode value(JsonNode node, TemplateContext ctx, String field, List<Problem> problems) {
        if (node.isTextual()) {
            return TextNode.valueOf(text(node.asText(), ctx, field, problems));
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(value(node.get(i), ctx, field + "[" + i + "]", problems));
            }
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> out.set(text(e.getKey(), ctx, field, problems),
                    value(e.getValue(), ctx, field + "." + e.getKey(), problems)));
            return out;
        }
        return node;
    }

    private static String fix(String message) {
        if (message.contains("env vars are not allowed here")) {
            return "read the environment in a variable's default, \"name\": \"{{env `NAME`}}\", and use "
                    + "{{user `name`}} here";
        }
        if (message.contains("not supported by Kiln")) {
            return "replace the function with a variable passed by -var or -var-file";
        }
        return "correct the template expression";
    }
}
