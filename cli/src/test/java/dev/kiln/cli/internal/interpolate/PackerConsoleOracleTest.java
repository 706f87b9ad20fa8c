package dev.kiln.cli.internal.interpolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Packer 1.6.6's {@code packer console}, which renders one template expression in a JSON template's context,
 * as the oracle of Kiln's template engine: the same expression must give the same text, or fail with the same
 * Go error. Time functions are compared at Packer's own start time, which each expression also prints through
 * {@code {{timestamp}}}.
 */
class PackerConsoleOracleTest {
    private static final Path PACKER = Path.of("/usr/bin/packer");
    private static final Map<String, String> VARIABLES = Map.of("name", "My App", "region", "us-east-1",
            "parts", "a-b-c");

    @TempDir
    static Path dir;
    private static Path template;

    @BeforeAll
    static void writeTemplate() throws IOException {
        assertThat(PACKER).as("Packer 1.6.6 is needed: apt-get install packer").isExecutable();
        template = dir.resolve("console.json");
        Files.writeString(template, """
                { "variables": { "name": "My App", "region": "us-east-1", "parts": "a-b-c" },
                  "builders": [ { "type": "null", "communicator": "none" } ] }
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{{user `name`}}",
        "{{ user \"region\" }}",
        "{{user `undefined`}}",
        "{{ user `name` | lower | replace_all \" \" \"-\" }}",
        "{{ upper (user `region`) }}",
        "{{split \"a-b-c\" \"-\" 1}}",
        "{{split (user `parts`) \"-\" 2}}",
        "{{split \"abc\" \"\" 1}}",
        "{{replace \"a\" \"b\" 1 \"aaa\"}}",
        "{{replace \"a\" \"b\" -1 \"aaa\"}}",
        "{{replace \"\" \"-\" 2 \"ab\"}}",
        "{{replace_all \"-\" \"_\" \"us-east-1\"}}",
        "{{lower `ABC`}}{{upper `def`}}",
        "a  {{- `b` -}}  c",
        "x{{/* comment */}}y",
        "{{timestamp}}",
        "{{isotime}}",
        "{{isotime \"2006-01-02\"}}",
        "{{isotime \"20060102150405\"}}",
        "{{isotime `Mon Monday Jan January 1 01 2 02 _2 06 2006 3 03 15 4 04 5 05 PM pm MST`}}",
        "{{isotime `-0700 -07:00 -07 Z0700 Z07:00 Z07 002 __2 _2006`}}",
        "{{ isotime \"2006-01-02\" | upper }}",
        "{{template_dir}}",
        "{{pwd}}",
        "{{ upper (split `a` `b` 0 | lower) }}",
        "{{ 42 }}{{ true }}{{ \"q\\\"uote\\t\" }}"
    })
    void rendersAsPackerDoes(String expression) throws TemplateException {
        String packer = packer("{{timestamp}}|" + expression);
        assertThat(packer).as("packer console %s", expression).doesNotContain("Interpolation error");
        int bar = packer.indexOf('|');
        Instant start = Instant.ofEpochSecond(Long.parseLong(packer.substring(0, bar)));
        assertThat(kiln(expression, start)).isEqualTo(packer.substring(bar + 1));
    }

    @Test
    void uuidsHavePackersShapeWithTheCurrentTimeInTheFirstGroup() throws TemplateException {
        String shape = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
        long before = Instant.now().getEpochSecond();
        String packer = packer("{{uuid}}");
        String kiln = kiln("{{uuid}}", Instant.EPOCH);
        long after = Instant.now().getEpochSecond();
        for (String uuid : new String[] {packer, kiln}) {
            assertThat(uuid).matches(shape);
            assertThat(Long.parseLong(uuid.substring(0, 8), 16)).as(uuid).isBetween(before, after);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{{split \"a-b\" \"-\" 5}}",
        "{{split \"a-b\" \"-\" \"1\"}}",
        "{{ \"x\" | split \"a\" \"b\" }}",
        "{{lower}}",
        "{{ upper lower }}",
        "{{isotime \"a\" \"b\"}}",
        "{{ nope }}",
        "{{env `HOME`}}",
        "{{build_name}}",
        "{{ lower build_type }}",
        "{{timestamp",
        "{{ user `name` }} and {{ upper 1 }}",
        "{{ split `a-b` `-` (upper `x`) }}"
    })
    void failsAsPackerDoes(String expression) {
        String packer = packer(expression);
        assertThat(packer).as("packer console %s", expression).contains("Interpolation error");
        String packerError = packer.substring(packer.indexOf("Interpolation error") + "Interpolation error".length());
        TemplateException kiln = catchThrowableOfType(TemplateException.class,
                () -> kiln(expression, Instant.now()));
        assertThat(kiln).as("Kiln fails on %s", expression).isNotNull();
        assertThat(normalized(kiln.getMessage())).isEqualTo(normalized(packerError));
    }

    private static String normalized(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String kiln(String expression, Instant start) throws TemplateException {
        TemplateContext ctx = new TemplateContext(VARIABLES, false, name -> null, null, null, template, Map.of(),
                start, dir);
        return GoTemplate.parse(expression).execute(ctx);
    }

    /** What packer console prints for one expression: its value, or its error. */
    private static String packer(String expression) {
        ProcessBuilder pb = new ProcessBuilder(PACKER.toString(), "console", template.toString());
        pb.directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", dir.toString());
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("HTTPS_PROXY", "http://127.0.0.1:9");
        env.put("HTTP_PROXY", "http://127.0.0.1:9");
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().write((expression.replace("\n", " ") + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return out.replace("\r", "").replaceAll("\n$", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
