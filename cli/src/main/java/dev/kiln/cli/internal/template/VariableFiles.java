package dev.kiln.cli.internal.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.core.spec.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code -var-file}: a JSON object whose values are strings, as Packer 1.6 reads one.
 *
 * <pre>{@code
 * Map<String, String> values = VariableFiles.read(Path.of("prod.json"), problems);
 * }</pre>
 */
public final class VariableFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VariableFiles() {
    }

    /** The file's variables, or an empty map and a problem when it can't be read or isn't such an object. */
    public static Map<String, String> read(Path file, List<Problem> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        String field = "-var-file " + file;
        JsonNode root;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(new Problem(field, "is not valid JSON: " + e.getOriginalMessage(),
                    "write it as { \"name\": \"value\", ... }"));
            return values;
        } catch (IOException e) {
            problems.add(new Problem(field, "can't be read: " + e.getMessage(), "point -var-file at a readable file"));
            return values;
        }
        if (root == null || !root.isObject()) {
            problems.add(new Problem(field, "is not a JSON object", "write it as { \"name\": \"value\", ... }"));
            return values;
        }
        root.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                values.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add(new Problem(field + ": " + e.getKey(), "json: cannot unmarshal "
                        + goJsonType(e.getValue()) + " into Go value of type string",
                        "write the value as a JSON string, e.g. \"" + e.getValue().asText() + "\""));
            }
        });
        return values;
    }

    /** The JSON type as Go's encoding/json names it in an error. */
    private static String goJsonType(JsonNode node) {
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        return node.isArray() ? "array" : "object";
    }
}
