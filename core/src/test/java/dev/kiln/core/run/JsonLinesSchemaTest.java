package dev.kiln.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.kiln.core.fake.EveryEventSpec;
import dev.kiln.core.fake.FakeBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the JSON lines of a real build, one with every kind of event, against the JSON Schema shipped in
 * core's jar, with an independent JSON Schema 2020-12 validator that fetches nothing from the network.
 */
class JsonLinesSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaLoader(loader -> loader.fetchRemoteResources(false))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static JsonNode schemaDocument;
    private static Schema schema;
    private static List<ObjectNode> lines;

    @BeforeAll
    static void buildAndLoadTheSchema() throws IOException {
        try (InputStream in = JsonLinesListener.class.getResourceAsStream("build-events.schema.json")) {
            assertThat(in).as("the schema is a resource beside JsonLinesListener").isNotNull();
            schemaDocument = JSON.readTree(in);
        }
        schema = REGISTRY.getSchema(schemaDocument);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Kiln.builder().listener(new JsonLinesListener(new PrintStream(out, true, StandardCharsets.UTF_8))).build()
                .build(EveryEventSpec.create(FakeBuilder.newLog()));
        lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add((ObjectNode) JSON.readTree(line));
        }
    }

    private static List<Error> errors(JsonNode line) {
        return schema.validate(line);
    }

    @Test
    void theSchemaIsAValidJsonSchema() throws IOException {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(metaSchema.validate(schemaDocument)).isEmpty();
        assertThat(metaSchema.validate(JSON.readTree("{\"type\": \"line\"}"))).as("the meta-schema bites").isNotEmpty();
    }

    @Test
    void everyLineOfARealBuildMatchesTheSchema() {
        assertThat(lines).hasSizeGreaterThan(30);
        for (ObjectNode line : lines) {
            assertThat(errors(line)).as(line.toString()).isEmpty();
            assertThat(line.get("schema_version").asInt()).isEqualTo(JsonLinesListener.SCHEMA_VERSION);
        }
    }

    @Test
    void theBuildWroteEveryTypeTheSchemaNamesAndNoOther() {
        Set<String> documented = new TreeSet<>();
        schemaDocument.at("/properties/type/enum").forEach(type -> documented.add(type.asText()));
        Set<String> written = new TreeSet<>();
        lines.forEach(line -> written.add(line.get("type").asText()));

        assertThat(documented).hasSize(15);
        assertThat(written).isEqualTo(documented);
        assertThat(schemaDocument.at("/$defs").fieldNames()).toIterable().containsAll(documented);
    }

    @Test
    void theSchemaRefusesALineThatLacksAFieldHasAnUnknownOneOrAnotherVersion() {
        ObjectNode step = lines.stream().filter(l -> l.get("type").asText().equals("step-finished")).findFirst()
                .orElseThrow();
        assertThat(errors(step)).isEmpty();

        assertThat(errors(step.deepCopy().without("outcome"))).isNotEmpty();
        assertThat(errors(step.deepCopy().put("exit_status", 3))).isNotEmpty();
        assertThat(errors(step.deepCopy().put("schema_version", 2))).isNotEmpty();
        assertThat(errors(step.deepCopy().put("outcome", "DONE"))).isNotEmpty();
        assertThat(errors(step.deepCopy().put("time", "yesterday"))).isNotEmpty();
        assertThat(errors(step.deepCopy().put("type", "step-paused"))).isNotEmpty();
        assertThat(errors(step.deepCopy().without("source"))).isNotEmpty();
    }
}
