package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.TransferListener;
import dev.kiln.testkit.openssh.OpenSshServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transfers against an OpenSSH server that has no SFTP subsystem: SCP takes over. */
class SshScpFallbackTest {
    static final SshKeyPair KEYS = SshKeys.generate();
    static OpenSshServer sshd;
    static SshCommunicator ssh;
    static String remote;

    @TempDir
    Path local;

    @BeforeAll
    static void connect() throws InterruptedException {
        sshd = OpenSshServer.builder().sftp(false).authorizedKey(KEYS.publicKeyLine()).build();
        sshd.start();
        ssh = SshCommunicator.connect(Servers.target(sshd, KEYS).build());
        remote = sshd.directory().resolve("scp").toString();
    }

    @AfterAll
    static void close() {
        ssh.close();
        sshd.close();
    }

    @Test
    void aDirectoryTreeMakesTheRoundTripWithModesAndProgress() throws Exception {
        Trees.assertRoundTrip(ssh, local, remote + "-tree");
        assertThat(sshd.log()).anyMatch(l -> l.contains("subsystem request for sftp") && l.contains("failed"));
    }

    @Test
    void filesAndStreamsGoUpAndComeBack() throws Exception {
        Path file = local.resolve("one.txt");
        Files.writeString(file, "one\n");
        ssh.upload(file, remote + "-one.txt", TransferListener.NONE);
        ssh.upload(new ByteArrayInputStream("two\n".getBytes(StandardCharsets.UTF_8)), remote + "-two.txt", 0600,
                TransferListener.NONE);

        ByteArrayOutputStream two = new ByteArrayOutputStream();
        ssh.download(remote + "-two.txt", two, TransferListener.NONE);
        assertThat(two.toString(StandardCharsets.UTF_8)).isEqualTo("two\n");
        Path one = local.resolve("one-back.txt");
        ssh.download(remote + "-one.txt", one, TransferListener.NONE);
        assertThat(Files.readString(one)).isEqualTo("one\n");
        List<String> modes = new ArrayList<>();
        ssh.execute(Command.of("stat -c %a " + remote + "-two.txt"), (stream, line) -> modes.add(line));
        assertThat(modes).containsExactly("600");
    }

    @Test
    void aMissingRemoteFileIsAClearError() {
        assertThatThrownBy(() -> ssh.download(remote + "-nothing", local.resolve("x"), TransferListener.NONE))
                .isInstanceOf(SshException.class)
                .hasMessageContaining(remote + "-nothing")
                .hasMessageContaining("No such file");
    }
}
