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

    private static List<String> command(String command, String... rest) {
        List<String> line = new ArrayList<>(List.of(command));
        String template = rest[rest.length - 1];
        String extra = args.getProperty(Path.of(template).getFileName().toString());
        if (extra != null && !command.equals("inspect")) {
            line.addAll(Arrays.asList(extra.split(" ")));
        }
        line.addAll(Arrays.asList(rest));
        return line;
    }

    private static Run packer(String command, String... rest) {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(PACKER.toString());
        pb.command().addAll(command(command, rest));
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

    private static Run kiln(String command, String... rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = environment();
        int status = Main.run(command(command, rest).toArray(String[]::new), new PrintStream(out, true,
                StandardCharsets.UTF_8), env::get, templates, START);
        return new Run(status, out.toString(StandardCharsets.UTF_8), "");
    }
}
