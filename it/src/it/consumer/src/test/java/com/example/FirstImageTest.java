package com.example;

import static dev.kiln.testkit.assertj.KilnAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.junit.LocalEc2Test;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's first snippet: the README shows exactly {@link FirstImage}'s code, and that code builds its image
 * on LocalEc2. The snippet is real AWS code with nothing of LocalEc2 in it; the test points the AWS SDK at
 * LocalEc2 from outside, as a user would point it at any EC2 endpoint: the SDK's {@code aws.endpointUrlEc2},
 * {@code aws.accessKeyId} and {@code aws.secretAccessKey} system properties.
 * The snippet writes {@code /etc/motd} and {@code /srv/www}: only ever inside a machine's sandbox, since LocalEc2
 * refuses to start its machines without one.
 */
@LocalEc2Test
class FirstImageTest {
    private static final Path README = Path.of(System.getProperty("kiln.root"), "README.md");
    private static final Path SOURCE = Path.of("src/main/java/com/example/FirstImage.java");
    private static final Path MANIFEST = Path.of("manifest.json");
    private static final List<String> SDK_SETTINGS = List.of("aws.endpointUrlEc2", "aws.accessKeyId",
            "aws.secretAccessKey");

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream stdout = System.out;

    @AfterEach
    void restore() throws IOException {
        System.setOut(stdout);
        SDK_SETTINGS.forEach(System::clearProperty);
        Files.deleteIfExists(MANIFEST);
    }

    @Test
    void theReadmeShowsThisCodeWordForWord() throws IOException {
        Matcher firstJavaBlock = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        assertThat(firstJavaBlock.find()).as("README.md has a ```java block").isTrue();

        assertThat(firstJavaBlock.group(1)).isEqualTo(snippet());
    }

    @Test
    void buildsItsImageOnLocalEc2(LocalEc2 ec2) throws IOException {
        assertThat(ec2.sshPort()).as("the snippet connects to SSH's port 22, as on AWS; LocalEc2 falls back to "
                + LocalEc2.FALLBACK_SSH_PORT + " when it cannot bind port 22 of 127.0.x.y: this user may not bind it "
                + "(run as root, or allow it with sysctl net.ipv4.ip_unprivileged_port_start=22), or a server "
                + "listens on 0.0.0.0:22 (this machine's sshd: give it ListenAddress 127.0.0.1)").isEqualTo(22);
        Map.of("aws.endpointUrlEc2", ec2.endpoint().toString(), "aws.accessKeyId", ec2.accessKeyId(),
                "aws.secretAccessKey", ec2.secretAccessKey()).forEach(System::setProperty);
        System.setOut(new PrintStream(new Tee(stdout, console), true, StandardCharsets.UTF_8));

        FirstImage.main(new String[0]);

        List<String> lines = console.toString(StandardCharsets.UTF_8).lines().toList();
        String artifactId = lines.get(lines.size() - 1);
        assertThat(artifactId).matches("us-east-1:ami-[0-9a-f]+");
        assertThat(lines).anyMatch(l -> l.contains("Built with Kiln"))
                .anyMatch(l -> l.contains("<h1>Hello from Kiln</h1>"));
        assertThat(Files.readString(MANIFEST)).contains("\"artifact_id\": \"" + artifactId + "\"");
        assertThat(ec2.calls("CreateImage")).singleElement()
                .satisfies(call -> assertThat(call.params().get("Name")).startsWith("web-"));
        assertThat(ec2).hasNoLeaks();
    }

    /** The lines between FirstImage's markers, without the method body's indentation. */
    private static String snippet() throws IOException {
        String source = Files.readString(SOURCE);
        String body = source.substring(source.indexOf("// README: begin\n") + "// README: begin\n".length(),
                source.indexOf("        // README: end"));
        return body.lines().map(l -> l.isEmpty() ? l : l.substring(8)).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Writes to two streams: the test's own output and the console the test reads. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
