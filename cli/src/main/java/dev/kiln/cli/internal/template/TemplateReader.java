package dev.kiln.cli.internal.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a Packer 1.6 JSON template into a {@link RawTemplate}, checking what Packer's parser checks: JSON
 * syntax (with the line and column), the root keys and their types, a {@code type} on every builder,
 * provisioner and post-processor, unique builder names, and {@code _} comment keys holding text. Every problem
 * is named as Packer names it ({@code builder 2}, {@code provisioner 1}, {@code post-processor 1.2}).
 *
 * <pre>{@code
 * RawTemplate template = TemplateReader.read(Path.of("example.json"));
 * }</pre>
 */
public final class TemplateReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> ROOT_KEYS = Set.of("min_packer_version", "description", "variables",
            "sensitive-variables", "builders", "provisioners", "post-processors", "error-cleanup-provisioner");
    private static final Set<String> PROVISIONER_KEYS = Set.of("type", "only", "except", "override", "pause_before",
            "max_retries", "timeout");
    private static final Set<String> POST_PROCESSOR_KEYS = Set.of("type", "name", "only", "except",
            "keep_input_artifact");

    private final List<Problem> problems = new ArrayList<>();

    private TemplateReader() {
    }

    /**
     * Reads and checks a template file.
     *
     * @throws InvalidSpecException naming every problem Packer's parser would report
     * @throws IOException when the file can't be read
     */
    public static RawTemplate read(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such file or directory");
        }
        return parse(path, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Reads and checks a template's text, as if it were the file {@code path}. */
    public static RawTemplate parse(Path path, String text) {
        return new TemplateReader().readText(path, text);
    }

    private RawTemplate readText(Path path, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw fail(path, List.of(JsonSyntax.problem(text, e)));
        }
        if (root == null || !root.isObject()) {
            throw fail(path, List.of(new Problem("template", "is not a JSON object",
                    "write the template as { \"builders\": [ ... ], ... }")));
        }
        Map<String, String> comments = rootKeys((ObjectNode) root);
        if (!problems.isEmpty()) {
            throw fail(path, problems);
        }
        String description = text(root, "description");
        String minVersion = text(root, "min_packer_version");
        Map<String, Variable> variables = variables(root.get("variables"));
        List<String> sensitive = stringList(root.get("sensitive-variables"), "sensitive-variables");
        List<Section> builders = builders(root.get("builders"));
        List<Section> provisioners = new ArrayList<>();
        JsonNode rawProvisioners = root.get("provisioners");
        if (arrayOrNull(rawProvisioners, "provisioners")) {
            for (int i = 0; i < rawProvisioners.size(); i++) {
                Section p = provisioner("provisioner " + (i + 1), rawProvisioners.get(i));
                if (p != null) {
                    provisioners.add(p);
                }
            }
        }
        List<List<Section>> postProcessors = postProcessors(root.get("post-processors"));
        Section errorCleanup = null;
        JsonNode cleanup = root.get("error-cleanup-provisioner");
        if (cleanup != null && !cleanup.isNull()) {
            errorCleanup = provisioner("error-cleanup-provisioner", cleanup);
        }
        if (!problems.isEmpty()) {
            throw fail(path, problems);
        }
        return new RawTemplate(path, description, minVersion, variables, sensitive, builders, provisioners,
                postProcessors, errorCleanup, comments);
    }

    private static InvalidSpecException fail(Path path, List<Problem> problems) {
        return new InvalidSpecException("Template " + path, problems);
    }

    private Map<String, String> rootKeys(ObjectNode root) {
        Map<String, String> comments = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        root.fieldNames().forEachRemaining(key -> {
            if (ROOT_KEYS.contains(key)) {
                return;
            }
            if (key.startsWith("_")) {
                JsonNode value = root.get(key);
                if (value.isTextual()) {
                    comments.put(key, value.asText());
                } else {
                    problems.add(new Problem("root key '" + key + "'", "is a comment key whose value is not a string",
                            "make its value a string, or rename the key"));
                }
                return;
            }
            unknown.add(key);
        });
        for (String key : unknown) {
            problems.add(new Problem("root key '" + key + "'", "Unknown root level key in template",
                    "remove it or prefix it with _ to make it a comment; known keys: " + new TreeSet<>(ROOT_KEYS)));
        }
        return comments;
    }

    private String text(JsonNode root, String key) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            problems.add(new Problem("'" + key + "'", "expected type 'string', got " + jsonType(value),
                    "write it as a JSON string"));
            return "";
        }
        return value.asText();
    }

    private Map<String, Variable> variables(JsonNode node) {
        Map<String, Variable> variables = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return variables;
        }
        if (!node.isObject()) {
            problems.add(new Problem("'variables'", "expected a map, got " + jsonType(node),
                    "write it as { \"name\": \"default\", ... }"));
            return variables;
        }
        node.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            String label = "variable " + e.getKey();
            if (value.isNull()) {
                variables.put(e.getKey(), new Variable(e.getKey(), null));
            } else if (GoValues.weakString(value) != null) {
                variables.put(e.getKey(), new Variable(e.getKey(), GoValues.weakString(value)));
            } else {
                problems.add(new Problem(label, "expected type 'string', got unconvertible type " + jsonType(value),
                        "give the variable a string default, or null to make it required"));
            }
        });
        return variables;
    }

    private List<Section> builders(JsonNode node) {
        List<Section> builders = new ArrayList<>();
        if (!arrayOrNull(node, "builders")) {
            return builders;
        }
        for (int i = 0; i < node.size(); i++) {
            String label = "builder " + (i + 1);
            JsonNode raw = node.get(i);
            if (!raw.isObject()) {
                problems.add(new Problem(label, "expected a map, got " + jsonType(raw),
                        "write the builder as { \"type\": \"amazon-ebs\", ... }"));
                continue;
            }
            ObjectNode config = ((ObjectNode) raw).deepCopy();
            String type = weakString(config.remove("type"), label, "type");
            String name = weakString(config.remove("name"), label, "name");
            if (type.isEmpty()) {
                problems.add(new Problem(label, "missing 'type'", "add \"type\": \"amazon-ebs\""));
                continue;
            }
            String effective = name.isEmpty() ? type : name;
            if (builders.stream().anyMatch(b -> b.name().equals(effective))) {
                problems.add(new Problem(label, "builder with name '" + effective + "' already exists",
                        "give each builder its own \"name\""));
                continue;
            }
            builders.add(new Section(label, type, effective, List.of(), List.of(), config, Map.of(), null, null, null));
        }
        return builders;
    }

    private Section provisioner(String label, JsonNode raw) {
        if (!raw.isObject()) {
            problems.add(new Problem(label, "expected a map, got " + jsonType(raw),
                    "write the provisioner as { \"type\": \"shell\", ... }"));
            return null;
        }
        ObjectNode config = ((ObjectNode) raw).deepCopy();
        String type = strictString(config.get("type"), label, "type");
        List<String> only = stringList(config.get("only"), label + ": 'only'");
        List<String> except = stringList(config.get("except"), label + ": 'except'");
        Map<String, ObjectNode> overrides = overrides(config.get("override"), label);
        String pauseBefore = optionalString(config.get("pause_before"), label, "pause_before");
        // a number is a string to mapstructure's weak decoding, as Packer reads max_retries: "max_retries": 3
        String maxRetries = config.hasNonNull("max_retries")
                ? weakString(config.get("max_retries"), label, "max_retries") : null;
        String timeout = optionalString(config.get("timeout"), label, "timeout");
        PROVISIONER_KEYS.forEach(config::remove);
        if (type.isEmpty()) {
            problems.add(new Problem(label, "missing 'type'", "add \"type\": \"shell\" or \"type\": \"file\""));
            return null;
        }
        return new Section(label, type, type, only, except, config, overrides, pauseBefore, maxRetries, timeout);
    }

    private Map<String, ObjectNode> overrides(JsonNode node, String label) {
        Map<String, ObjectNode> overrides = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return overrides;
        }
        if (!node.isObject()) {
            problems.add(new Problem(label + ": 'override'", "expected a map, got " + jsonType(node),
                    "write it as { \"build name\": { \"key\": \"value\" } }"));
            return overrides;
        }
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                overrides.put(e.getKey(), (ObjectNode) e.getValue());
            } else {
                problems.add(new Problem(label + ": 'override." + e.getKey() + "'", "expected a map, got "
                        + jsonType(e.getValue()), "write the build's keys as { \"key\": \"value\" }"));
            }
        });
        return overrides;
    }

    private List<List<Section>> postProcessors(JsonNode node) {
        List<List<Section>> chains = new ArrayList<>();
        if (!arrayOrNull(node, "post-processors")) {
            return chains;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode raw = node.get(i);
            List<JsonNode> configs = new ArrayList<>();
            if (raw.isTextual() || raw.isObject()) {
                configs.add(raw);
            } else if (raw.isArray()) {
                boolean nestedOk = true;
                for (int j = 0; j < raw.size(); j++) {
                    JsonNode inner = raw.get(j);
                    if (inner.isArray()) {
                        problems.add(new Problem("post-processor " + (i + 1) + "." + (j + 1),
                                "sequence not allowed to be nested in a sequence",
                                "list the chain's post-processors in one array"));
                        nestedOk = false;
                    } else if (!inner.isTextual() && !inner.isObject()) {
                        problems.add(new Problem("post-processor " + (i + 1) + "." + (j + 1), "unknown format",
                                "write it as \"manifest\" or { \"type\": \"manifest\", ... }"));
                        nestedOk = false;
                    } else {
                        configs.add(inner);
                    }
                }
                if (!nestedOk) {
                    continue;
                }
            } else {
                problems.add(new Problem("post-processor " + (i + 1), "bad format",
                        "write it as \"manifest\", { \"type\": \"manifest\", ... } or a list of those"));
                continue;
            }
            List<Section> chain = new ArrayList<>();
            for (int j = 0; j < configs.size(); j++) {
                Section pp = postProcessor("post-processor " + (i + 1) + "." + (j + 1), configs.get(j));
                if (pp != null) {
                    chain.add(pp);
                }
            }
            chains.add(chain);
        }
        return chains;
    }

    private Section postProcessor(String label, JsonNode raw) {
        ObjectNode config;
        if (raw.isTextual()) {
            config = JsonNodeFactory.instance.objectNode().put("type", raw.asText());
        } else {
            config = ((ObjectNode) raw).deepCopy();
        }
        String type = strictString(config.get("type"), label, "type");
        String name = strictString(config.get("name"), label, "name");
        List<String> only = stringList(config.get("only"), label + ": 'only'");
        List<String> except = stringList(config.get("except"), label + ": 'except'");
        JsonNode keep = config.get("keep_input_artifact");
        if (keep != null && !keep.isNull() && !keep.isBoolean()) {
            problems.add(new Problem(label + ": 'keep_input_artifact'", "expected type 'bool', got " + jsonType(keep),
                    "write true or false"));
        }
        POST_PROCESSOR_KEYS.forEach(config::remove);
        if (type.isEmpty()) {
            problems.add(new Problem(label, "type is required", "add \"type\": \"manifest\""));
            return null;
        }
        return new Section(label, type, name.isEmpty() ? type : name, only, except, config, Map.of(), null, null,
                null);
    }

    private boolean arrayOrNull(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isArray()) {
            problems.add(new Problem("'" + key + "'", "source data must be an array or slice, got " + jsonType(node),
                    "write it as a JSON array [ ... ]"));
            return false;
        }
        return true;
    }

    private List<String> stringList(JsonNode node, String label) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            problems.add(new Problem(label, "source data must be an array or slice, got " + jsonType(node),
                    "write it as a list of strings [\"a\", \"b\"]"));
            return values;
        }
        Iterator<JsonNode> items = node.elements();
        for (int i = 0; items.hasNext(); i++) {
            JsonNode item = items.next();
            if (item.isTextual()) {
                values.add(item.asText());
            } else {
                problems.add(new Problem(label + "[" + i + "]", "expected type 'string', got " + jsonType(item),
                        "write it as a JSON string"));
            }
        }
        return values;
    }

    /** A value mapstructure's weak decoding turns into a string: text, a number or a boolean. */
    private String weakString(JsonNode node, String label, String key) {
        if (node == null || node.isNull()) {
            return "";
        }
        String text = GoValues.weakString(node);
        if (text != null) {
            return text;
        }
        problems.add(new Problem(label + ": '" + key + "'", "expected type 'string', got " + jsonType(node),
                "write it as a JSON string"));
        return "";
    }

    private String strictString(JsonNode node, String label, String key) {
        String value = optionalString(node, label, key);
        return value == null ? "" : value;
    }

    private String optionalString(JsonNode node, String label, String key) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new Problem(label + ": '" + key + "'", "expected type 'string', got " + jsonType(node),
                    "write it as a JSON string, e.g. \"" + node.asText() + "\""));
            return null;
        }
        return node.asText();
    }

    /** The JSON type's name as Go's decoder reports it. */
    static String jsonType(JsonNode node) {
        if (node.isTextual()) {
            return "'string'";
        }
        if (node.isNumber()) {
            return "'float64'";
        }
        if (node.isBoolean()) {
            return "'bool'";
        }
        if (node.isArray()) {
            return "'slice'";
        }
        return node.isObject() ? "'map'" : "'null'";
    }
}
