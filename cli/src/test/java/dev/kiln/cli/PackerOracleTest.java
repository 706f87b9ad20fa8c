package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packer 1.6.6 as the oracle: {@code packer validate} and {@code kiln validate} run on the same templates
 * (the seed articles', examples from Packer's documentation and broken variants) with the same environment and
 * working directory, and must give the same exit status; for a broken template both outputs must name the same
 * thing (the substring in {@code invalid/expectations.properties}), and for a valid one {@code kiln inspect}
 * prints what {@code packer inspect} prints. Packer only validates and inspects here: it never builds, and any
 * connection it tried would go to a closed port on loopback (HTTPS_PROXY).
 */
class PackerOracleTest {
    private static final Path PACKER = Path.of("/usr/bin/packer");
    private static final Instant START = Instant.parse("2026-11-26T07:30:00Z");
    private static Path templates;
    private static Properties expectations;
    private static Properties args;

    @TempDir
    static Path home;

    @BeforeAll
    static void findTemplates() throws URISyntaxException, IOException {
        assertThat(PACKER).as("Packer 1.6.6 is needed: apt-get install packer").isExecutable();
        templates = Path.of(PackerOracleTest.class.getResource("/templates").toURI());
        expectations = properties("invalid/expectations.properties");
        args = properties("args.properties");
    }

    private static Properties properties(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(templates.resolve(name))) {
            p.load(in);
        }
        return p;
    }

    static Stream<String> validTemplates() throws IOException, URISyntaxException {
        return list("valid");
    }

    static Stream<String> invalidTemplates() throws IOException, URISyntaxException {
        return list("invalid");
    }

    private static Stream<String> list(String dir) throws IOException, URISyntaxException {
        Path root = Path.of(PackerOracleTest.class.getResource("/templates").toURI());
        try (Stream<Path> files = Files.list(root.resolve(dir))) {
            return files.map(p -> dir + "/" + p.getFileName()).filter(n -> n.endsWith(".json")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("validTemplates")
    void validTemplatesAreValidForBoth(String template) {
        Run packer = packer("validate", template);
        Run kiln = kiln("validate", template);
        assertThat(packer.status()).as("packer validate %s:%n%s", template, packer.output()).isZero();
        assertThat(kiln.status()).as("kiln validate %s:%n%s", template, kiln.output()).isZero();
        assertThat(kiln.stdout()).as("both print nothing").isEqualTo(packer.stdout()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("validTemplates")
    void inspectListsWhatPackerLists(String template) {
        Run packer = packer("inspect", template);
        Run kiln = kiln("inspect", template);
        assertThat(kiln.status()).as(kiln.output()).isEqualTo(packer.status());
        assertThat(kiln.stdout()).isEqualTo(packer.stdout());
    }

    @ParameterizedTest
    @MethodSource("invalidTemplates")
    void invalidTemplatesAreInvalidForBothNamingTheSameThing(String template) {
        String expected = expectations.getProperty(Path.of(template).getFileName().toString());
        assertThat(expected).as("an expectation for %s in invalid/expectations.properties", template).isNotNull();
        Run packer = packer("validate", template);
        Run kiln = kiln("validate", template);
        assertThat(packer.status()).as("packer validate %s:%n%s", template, packer.output()).isEqualTo(1);
        assertThat(kiln.status()).as("kiln validate %s:%n%s", template, kiln.output()).isEqualTo(1);
        for (String text : expected.split(";;")) {
            assertThat(normalized(packer.output())).as("Packer's output").contains(normalized(text));
            assertThat(normalized(kiln.output())).as("Kiln's output").contains(normalized(text));
        }
    }

    @ParameterizedTest
    @MethodSource("validTemplates")
    void syntaxOnlyPassesForBoth(String template) {
        Run packer = packer("validate", "-syntax-only", template);
        Run kiln = kiln("validate", "-syntax-only", template);
        assertThat(kiln.status()).isEqualTo(packer.status()).isZero();
        assertThat(kiln.stdout()).isEqualTo(packer.stdout());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "validate -var db_password=x -only=web valid/docs-provisioners.json | 0 | ''",
        "validate -var db_password=x -except=web valid/docs-provisioners.json | 0 | ''",
        "validate -var-file=vars/good.json valid/docs-provisioners.json | 0 | ''",
        "validate -var-file=vars/number.json valid/docs-provisioners.json | 1 | cannot unmarshal number into Go value of type string",
        "validate -var-file=vars/missing.json valid/docs-provisioners.json | 1 | vars/missing.json",
        "validate -var novalue valid/seed1-example.json | 1 | validate [options] TEMPLATE",
        "validate -syntax-only=no valid/seed1-example.json | 1 | invalid boolean value \"no\" for -syntax-only: parse error",
        "build -parallel-builds=x valid/seed1-example.json | 1 | invalid value \"x\" for flag -parallel-builds: parse error",
        "build -on-error=never valid/seed1-example.json | 1 | invalid value \"never\" for flag -on-error: expected one of",
        "build -nosuch valid/seed1-example.json | 1 | flag provided but not defined: -nosuch",
        "validate | 1 | validate [options] TEMPLATE",
        "validate a.json b.json | 1 | validate [options] TEMPLATE",
        "validate nope.json | 1 | \"nope.json\": stat nope.json: no such file or directory",
        "inspect nope.json | 1 | \"nope.json\": stat nope.json: no such file or directory",
        "validate -syntax-only invalid/no-builders.json | 0 | Syntax-only check passed. Everything looks okay.",
        "validate -syntax-only invalid/syntax-unclosed.json | 1 | Error parsing JSON",
        "version | 0 | ' v'",
        "-machine-readable version | 0 | ,version-commit,",
        "nosuch | 127 | Available commands are:",
        "'' | 127 | Available commands are:"
    })
    void commandLinesGiveTheSameStatus(String line, int status, String expected) {
        String[] args = line.isBlank() ? new String[0] : line.split(" ");
        Run packer = packer(args);
        // Packer prints a flag's error from a goroutine of its own (an error pipe its commands' flag sets write to),
        // which now and then loses the race with its exit: ask it again for its whole answer
        for (int again = 0; again < 4 && !normalized(packer.output()).contains(normalized(expected)); again++) {
            packer = packer(args);
        }
        Run kiln = kiln(args);
        assertThat(packer.status()).as("packer %s:%n%s", line, packer.output()).isEqualTo(status);
        assertThat(kiln.status()).as("kiln %s:%n%s", line, kiln.output()).isEqualTo(status);
        assertThat(normalized(packer.output())).contains(normalized(expected));
        assertThat(normalized(kiln.output())).contains(normalized(expected));
    }

    @ParameterizedTest
    @MethodSource("validTemplates")
    void machineReadableInspectPrintsPackersLines(String template) {
        String packer = packer("-machine-readable", "inspect", template).stdout();
        String kiln = kiln("-machine-readable", "inspect", template).stdout();
        assertThat(withoutTimestamps(kiln)).isEqualTo(withoutTimestamps(packer));
    }

    private static String withoutTimestamps(String lines) {
        return lines.replaceAll("(?m)^\\d+,", "T,");
    }

    /** Lower case, every run of white space one space: Packer wraps long lines at 80 columns. */
    private static String normalized(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** What a run printed and how it ended. */
    record Run(int status, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private static Map<String, String> environment() {
        return Map.of("SHA", "0123abcd", "AMI_BASE", "ami-aa2ea6d0", "USER", "kiln", "HOME", home.toString());
    }

    /** The command line: with the template's extra arguments (args.properties) before it for validate. */
    private static List<String> command(String... words) {
        List<String> line = new ArrayList<>(Arrays.asList(words));
        String last = words.length == 0 ? "" : words[words.length - 1];
        String extra = last.endsWith(".json") ? args.getProperty(Path.of(last).getFileName().toString()) : null;
        if (extra != null && line.contains("validate")) {
            line.addAll(line.size() - 1, Arrays.asList(extra.split(" ")));
        }
        return line;
    }

    private static Run packer(String... words) {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(PACKER.toString());
        pb.command().addAll(command(words));
        pb.directory(templates.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(environment());
        env.put("PATH", "/usr/bin:/bin");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("HTTPS_PROXY", "http://127.0.0.1:9");
        env.put("HTTP_PROXY", "http://127.0.0.1:9");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        try {
            Path out = Files.createTempFile(home, "packer", ".out");
            Path err = Files.createTempFile(home, "packer", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("packer %s finished", pb.command()).isTrue();
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Run kiln(String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = environment();
        int status = Main.run(command(words).toArray(String[]::new), new PrintStream(out, true,
                StandardCharsets.UTF_8), env::get, templates, START);
        return new Run(status, out.toString(StandardCharsets.UTF_8), "");
    }
}
