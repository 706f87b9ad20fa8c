package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.Secret;
import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.testkit.ssh.LocalSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The communicator against the testkit's embedded (Apache MINA SSHD) server. */
class SshEmbeddedServerTest {
    static final SshKeyPair KEYS = SshKeys.generate();
    static final Secret PASSWORD = Secret.of("embedded-pass");
    static LocalSshServer server;

    @TempDir
    static Path serverDir;

    @TempDir
    Path local;

    @BeforeAll
    static void start() {
        server = LocalSshServer.builder().user("ec2-user").authorizedKey(KEYS.publicKeyLine()).password(PASSWORD)
                .directory(serverDir).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SshTarget.Builder target() {
        return SshTarget.builder().host(server.address()).port(server.port()).user(server.user())
                .hostKeyPolicy(HostKeyPolicy.pinned(server.hostKeyFingerprint()));
    }

    @Test
    void logsInWithAKeyAndRunsCommandsWithStatusAndStderr() throws Exception {
        try (SshCommunicator ssh = SshCommunicator.connect(target().privateKey(KEYS.privateKey()).build())) {
            List<String> lines = new ArrayList<>();
            CommandResult result = ssh.execute(Command.of("echo out; echo err >&2; exit 4"),
                    (stream, line) -> {
                        synchronized (lines) {
                            lines.add(stream + " " + line);
                        }
                    });
            assertThat(result).isEqualTo(CommandResult.exited(4));
            assertThat(lines).containsExactlyInAnyOrder("STDOUT out", "STDERR err");
        }
    }

    @Test
    void logsInWithAPassword() throws Exception {
        try (SshCommunicator ssh = SshCommunicator.connect(target().password(PASSWORD).build())) {
            assertThat(Servers.stdout(ssh, "echo password-ok")).containsExactly("password-ok");
        }
    }

    @Test
    void aDirectoryTreeMakesTheRoundTripWithModes() throws Exception {
        try (SshCommunicator ssh = SshCommunicator.connect(target().privateKey(KEYS.privateKey()).build())) {
            Trees.assertRoundTrip(ssh, local, "/uploaded");
            assertThat(Servers.stdout(ssh, "cat uploaded/etc/app.conf")).containsExactly("port=80");
        }
        assertThat(Files.readString(serverDir.resolve("uploaded/bin/start"))).contains("exec server");
    }
}
