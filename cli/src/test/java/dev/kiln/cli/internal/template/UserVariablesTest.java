package dev.kiln.cli.internal.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.internal.interpolate.TemplateContext;
import dev.kiln.core.spec.Problem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserVariablesTest {
    private static final TemplateContext CTX = TemplateContext.of(Instant.parse("2026-11-26T07:30:00Z"),
            name -> name.equals("SHA") ? "abc123" : null);

    private static RawTemplate template(String variables) {
        return TemplateReader.parse(Path.of("t.json"), "{ \"variables\": " + variables + " }");
    }

    @Test
    void defaultsMayReadTheEnvironmentAndOtherVariablesInAnyOrder() {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> values = UserVariables.resolve(template("""
                { "full": "{{user `name`}}-{{user `sha`}}", "name": "web", "sha": "{{env `SHA`}}", "none": "{{env `NOPE`}}" }
                """), Map.of(), CTX, problems);
        assertThat(problems).isEmpty();
        assertThat(values).containsEntry("full", "web-abc123").containsEntry("sha", "abc123").containsEntry("none", "");
    }

    @Test
    void givenValuesWinAndAreTemplatesToo() {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> values = UserVariables.resolve(template("{ \"a\": \"1\", \"b\": \"{{user `a`}}\" }"),
                Map.of("a", "{{env `SHA`}}"), CTX, problems);
        assertThat(problems).isEmpty();
        assertThat(values).containsEntry("a", "abc123").containsEntry("b", "abc123");
    }

    @Test
    void requiredVariablesMustBeGiven() {
        List<Problem> problems = new ArrayList<>();
        UserVariables.resolve(template("{ \"x\": null, \"y\": null, \"z\": \"1\" }"), Map.of("y", "2"), CTX, problems);
        assertThat(problems).extracting(Problem::problem).containsExactly("required variable not set: x");
    }

    @Test
    void undefinedReferencesAndCyclesAreProblems() {
        List<Problem> problems = new ArrayList<>();
        UserVariables.resolve(template("{ \"a\": \"{{user `missing`}}\", \"b\": \"{{user `c`}}\", \"c\": \"{{user `b`}}\" }"),
                Map.of(), CTX, problems);
        assertThat(problems).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                .contains("variable a").contains("Error: variable not set: missing"));
        assertThat(problems).extracting(Problem::toString).anySatisfy(p -> assertThat(p).contains("b -> c -> b"));
    }
}
