package dev.kiln.cli.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateReaderTest {
    private static final Path PATH = Path.of("t.json");

    private static List<String> problems(String json) {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> TemplateReader.parse(PATH, json));
        assertThat(e).as("an InvalidSpecException for %s", json).isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsEverySection() {
        RawTemplate t = TemplateReader.parse(PATH, """
                {
                  "_comment": "ignored",
                  "description": "web image",
                  "min_packer_version": "1.6.0",
                  "variables": { "a": "1", "b": null, "n": 5, "t": true },
                  "sensitive-variables": ["a"],
                  "builders": [ { "type": "amazon-ebs", "region": "us-east-1" }, { "type": "amazon-ebs", "name": "two" } ],
                  "provisioners": [ { "type": "shell", "inline": ["x"], "only": ["two"], "pause_before": "10s",
                                      "max_retries": "2", "timeout": "1m", "override": { "two": { "inline": ["y"] } } } ],
                  "post-processors": [ "manifest", { "type": "manifest", "output": "m.json" }, [ "manifest", { "type": "manifest" } ] ],
                  "error-cleanup-provisioner": { "type": "shell", "inline": ["z"] }
                }
                """);
        assertThat(t.description()).isEqualTo("web image");
        assertThat(t.comments()).containsEntry("_comment", "ignored");
        assertThat(t.variables().values()).extracting(Variable::name, Variable::defaultValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "1"), org.assertj.core.groups.Tuple.tuple("b", null),
                        org.assertj.core.groups.Tuple.tuple("n", "5"), org.assertj.core.groups.Tuple.tuple("t", "1"));
        assertThat(t.builders()).extracting(Section::name).containsExactly("amazon-ebs", "two");
        assertThat(t.builders().get(0).config().has("type")).isFalse();
        Section shell = t.provisioners().get(0);
        assertThat(shell.skips("amazon-ebs")).isTrue();
        assertThat(shell.skips("two")).isFalse();
        assertThat(shell.configFor("two").get("inline").get(0).asText()).isEqualTo("y");
        assertThat(shell.configFor("amazon-ebs").get("inline").get(0).asText()).isEqualTo("x");
        assertThat(shell.pauseBefore()).isEqualTo("10s");
        assertThat(shell.config().has("pause_before")).isFalse();
        assertThat(t.postProcessors()).hasSize(3);
        assertThat(t.postProcessors().get(2)).extracting(Section::label).containsExactly("post-processor 3.1", "post-processor 3.2");
        assertThat(t.errorCleanupProvisioner().type()).isEqualTo("shell");
    }

    @Test
    void jsonSyntaxErrorsGiveTheLineAndColumn() {
        assertThat(problems("{\n  \"builders\": [,]\n}")).singleElement().asString()
                .startsWith("Error parsing JSON: ").contains("At line 2, column").contains("^");
    }

    @Test
    void rootKeysMustBeKnownOrTextComments() {
        assertThat(problems("{ \"builder\": [], \"_c\": [\"x\"] }")).containsExactly(
                "root key '_c': is a comment key whose value is not a string (fix: make its value a string, or rename the key)",
                "root key 'builder': Unknown root level key in template (fix: remove it or prefix it with _ to make it a "
                        + "comment; known keys: [builders, description, error-cleanup-provisioner, min_packer_version, "
                        + "post-processors, provisioners, sensitive-variables, variables])");
    }

    @Test
    void sectionsNeedTypesAndBuildersUniqueNames() {
        assertThat(problems("""
                { "builders": [ {"name": "x"}, {"type": "amazon-ebs"}, {"type": "amazon-ebs"} ],
                  "provisioners": [ {"inline": []}, "shell" ],
                  "post-processors": [ {"output": "m"}, 5, ["manifest", ["manifest"]] ] }
                """)).extracting(s -> s.substring(0, s.indexOf(" (fix"))).containsExactly(
                "builder 1: missing 'type'",
                "builder 3: builder with name 'amazon-ebs' already exists",
                "provisioner 1: missing 'type'",
                "provisioner 2: expected a map, got 'string'",
                "post-processor 1.1: type is required",
                "post-processor 2: bad format",
                "post-processor 3.2: sequence not allowed to be nested in a sequence");
    }

    @Test
    void typesOfKnownKeysAreChecked() {
        assertThat(problems("{ \"builders\": {}, \"variables\": [], \"sensitive-variables\": \"a\" }"))
                .extracting(s -> s.substring(0, s.indexOf(" (fix"))).containsExactly(
                        "'variables': expected a map, got 'slice'",
                        "sensitive-variables: source data must be an array or slice, got 'string'",
                        "'builders': source data must be an array or slice, got 'map'");
    }
}
