package dev.kiln.core.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.Secret;
import dev.kiln.core.fake.LocalShellCommunicator;
import dev.kiln.core.fake.RecordingContext;
import dev.kiln.core.provision.internal.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShellQuoteTest {
    @TempDir
    Path dir;

    static Stream<String> hostileValues() {
        return Stream.of(
                "",
                "plain",
                "with spaces  and\ttabs",
                "it's",
                "''",
                "'\\''",
                "say \"hi\"",
                "$HOME and ${PATH} and $1 and $$",
                "$(touch /tmp/kiln-pwned) and `touch /tmp/kiln-pwned`",
                "back\\slash \\n \\\\ \\'",
                "line one\nline two\n",
                "\n\n",
                "trailing newline\n",
                "; rm -rf / ; echo gotcha",
                "* ? [a-z] ~ ~root",
                "!history !! %s %d",
                "a|b&c>d<e(f)g{h}i",
                "ünïcødé ☃ 𝄞",
                "\u0001\u0002 control \u001b[31m",
                "'\"`$\\\n'\"`$\\");
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void aQuotedValueReachesTheShellByteForByte(String value) throws Exception {
        Process sh = new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + ShellQuote.quote(value))
                .redirectErrorStream(true).start();
        byte[] received = sh.getInputStream().readAllBytes();

        assertThat(sh.waitFor()).isZero();
        assertThat(received).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The whole path: the shell provisioner's assignments and execute command, run by a real /bin/sh. */
    @ParameterizedTest
    @MethodSource("hostileValues")
    void theShellProvisionerPassesHostileEnvironmentValuesLiterally(String value) throws Exception {
        ShellProvisioner shell = Provisioners.shell()
                .env("PLAIN_VALUE", value)
                .env("SECRET_VALUE", Secret.of(value))
                .inline("printf '%s' \"$PLAIN_VALUE\" > " + dir.resolve("plain"),
                        "printf '%s' \"$SECRET_VALUE\" > " + dir.resolve("secret"),
                        "printf '%s' \"$KILN_BUILD_NAME/$PACKER_BUILDER_TYPE\" > " + dir.resolve("names"))
                .remoteFolder(dir.toString())
                .build();

        shell.provision(new RecordingContext(), new LocalShellCommunicator());

        assertThat(Files.readAllBytes(dir.resolve("plain"))).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(dir.resolve("secret"))).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(dir.resolve("names"))).isEqualTo("web/fake");
        assertThat(Path.of("/tmp/kiln-pwned")).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList())
                    .as("the uploaded script was removed").containsExactlyInAnyOrder("plain", "secret", "names");
        }
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void theQuotedFormIsOneSingleQuotedWord(String value) {
        String quoted = ShellQuote.quote(value);
        assertThat(quoted).startsWith("'").endsWith("'");
        assertThat(quoted.replace("'\\''", "")).satisfies(rest ->
                assertThat(rest.substring(1, rest.length() - 1)).doesNotContain("'"));
    }

}
