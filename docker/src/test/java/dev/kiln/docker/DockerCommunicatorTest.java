package dev.kiln.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.CommandTimeoutException;
import dev.kiln.core.comm.CommunicatorException;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.comm.TransferListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Docker communicator against a real daemon, checked with the {@code docker} command: the same commands give
 * the same output and exit status as {@code docker exec}, and trees keep their modes both ways.
 */
class DockerCommunicatorTest {
    private static String container;
    private static DockerCommunicator communicator;

    @BeforeAll
    static void startContainer() throws Exception {
        DockerHost host = DockerFixture.host();
        container = DockerCli.ok("run", "-d", "-i", "-t", "--network", "none", "--label", "dev.kiln.test=communicator",
                DockerFixture.baseImage(), "/bin/sh");
        communicator = DockerCommunicator.of(host, container, "");
    }

    @AfterAll
    static void removeContainer() {
        if (container != null) {
            DockerCli.ok("rm", "-f", container);
        }
    }

    /** What a command printed on each stream and how it ended. */
    record Outcome(List<String> stdout, List<String> stderr, int status) {
    }

    private static Outcome kiln(String line) throws InterruptedException {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        CommandResult r = communicator.execute(Command.of(line),
                (stream, text) -> (stream == OutputStreamKind.STDOUT ? out : err).add(text));
        assertThat(r.connectionLost()).isFalse();
        return new Outcome(out, err, r.exitStatus());
    }

    private static Outcome dockerExec(String line) {
        DockerCli.Run r = DockerCli.run("exec", container, "/bin/sh", "-c", line);
        return new Outcome(lines(r.stdout()), lines(r.stderr()), r.exitStatus());
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0,
                text.endsWith("\n") ? text.split("\n", -1).length - 1 : text.split("\n", -1).length);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "echo out; echo err >&2; exit 3",
        "printf 'a\\nb'; printf 'no newline' >&2",
        "kill -9 $$",
        "kill -TERM $$",
        "cat /no/such/file",
        "no-such-command",
        "seq 1 20000",
        "id -u; pwd; echo \"$0\" \"$#\"",
        "echo 'single quotes' \"double $HOME\" `echo back`",
    })
    void outputAndStatusAreWhatDockerExecReports(String line) throws Exception {
        Outcome expected = dockerExec(line);

        assertThat(kiln(line)).isEqualTo(expected);
    }

    @Test
    void aSignalledCommandReportsOneHundredTwentyEightPlusTheSignal() throws Exception {
        assertThat(kiln("kill -9 $$").status()).isEqualTo(137);
        assertThat(kiln("kill -TERM $$").status()).isEqualTo(143);
    }

    @Test
    void execUserRunsCommandsAsThatUser() throws Exception {
        DockerCommunicator app = DockerCommunicator.of(DockerFixture.host(), container, "app");

        List<String> out = new ArrayList<>();
        app.execute(Command.of("id -u"), (stream, text) -> out.add(text));

        assertThat(out).containsExactly("1000");
    }

    @Test
    void aCommandPastItsTimeoutIsKilled() throws Exception {
        long start = System.nanoTime();

        assertThatThrownBy(() -> communicator.execute(Command.of("sleep 97").withTimeout(Duration.ofSeconds(1)),
                (stream, text) -> { })).isInstanceOf(CommandTimeoutException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(DockerCli.ok("exec", container, "ps", "-o", "args")).doesNotContain("sleep 97");
    }

    @Test
    void anInterruptEndsACommandAtOnce() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        Thread runner = new Thread(() -> {
            try {
                communicator.execute(Command.of("echo started; sleep 98"), (stream, text) -> out.add(text));
                thrown.complete(null);
            } catch (Throwable e) {
                thrown.complete(e);
            }
        });
        runner.start();
        while (out.isEmpty()) {
            Thread.onSpinWait();
            assertThat(runner.isAlive()).isTrue();
        }

        runner.interrupt();

        assertThat(thrown.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aTreeGoesUpAndComesBackWithItsModes(@TempDir Path tmp) throws Exception {
        Path tree = tmp.resolve("tree");
        String longName = "d".repeat(60) + "/" + "f".repeat(70) + ".txt";
        Files.createDirectories(tree.resolve("private"));
        Files.createDirectories(tree.resolve(longName).getParent());
        Files.writeString(tree.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.writeString(tree.resolve("private/key"), "not a secret\n");
        Files.writeString(tree.resolve(longName), "long\n");
        Files.write(tree.resolve("empty"), new byte[0]);
        Files.setPosixFilePermissions(tree.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tree.resolve("private/key"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(tree.resolve("private"), PosixFilePermissions.fromString("rwxr-x---"));

        communicator.upload(tree, "/srv/tree", TransferListener.NONE);

        assertThat(DockerCli.ok("exec", container, "stat", "-c", "%a %n", "/srv/tree/run.sh", "/srv/tree/private",
                "/srv/tree/private/key", "/srv/tree/empty", "/srv/tree/" + longName)).isEqualTo(String.join("\n",
                "755 /srv/tree/run.sh", "750 /srv/tree/private", "600 /srv/tree/private/key", "644 /srv/tree/empty",
                "644 /srv/tree/" + longName));
        assertThat(DockerCli.ok("exec", container, "cat", "/srv/tree/" + longName, "/srv/tree/private/key"))
                .isEqualTo("long\nnot a secret");
        assertThat(DockerCli.ok("exec", container, "/srv/tree/run.sh")).isEqualTo("hi");

        Path back = tmp.resolve("back");
        communicator.download("/srv/tree", back, TransferListener.NONE);

        assertThat(Files.readString(back.resolve(longName))).isEqualTo("long\n");
        assertThat(Files.readString(back.resolve("private/key"))).isEqualTo("not a secret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("private/key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("private"))))
                .isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("run.sh"))))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void aStreamIsUploadedWithItsModeAndDownloadedWhole() throws Exception {
        byte[] content = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        List<Long> progress = Collections.synchronizedList(new ArrayList<>());

        communicator.upload(new ByteArrayInputStream(content), "/tmp/stream.bin", 0640,
                (path, done, total) -> progress.add(done));

        assertThat(DockerCli.ok("exec", container, "stat", "-c", "%a %s", "/tmp/stream.bin")).isEqualTo("640 100000");
        assertThat(progress).last().isEqualTo(100_000L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        communicator.download("/tmp/stream.bin", out, TransferListener.NONE);
        assertThat(out.toByteArray()).isEqualTo(content);
    }

    @Test
    void aMissingFileOrDirectoryIsACommunicatorErrorNamingIt(@TempDir Path tmp) {
        assertThatThrownBy(() -> communicator.download("/no/such/file", tmp.resolve("x"), TransferListener.NONE))
                .isInstanceOf(CommunicatorException.class).hasMessageContaining("/no/such/file");
        assertThatThrownBy(() -> communicator.upload(new ByteArrayInputStream(new byte[1]), "/no/such/dir/file", 0644,
                TransferListener.NONE)).isInstanceOf(CommunicatorException.class).hasMessageContaining("/no/such/dir");
    }
}
