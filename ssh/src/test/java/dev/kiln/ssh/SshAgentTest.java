package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testkit.openssh.OpenSshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Logging in with a key held by a real ssh-agent (the socket path comes from ssh/pom.xml's surefire config). */
@Timeout(60)
class SshAgentTest {

    @Test
    void logsInWithAKeyFromTheAgent(@TempDir Path dir) throws Exception {
        String socket = System.getenv("SSH_AUTH_SOCK");
        assertThat(socket).as("SSH_AUTH_SOCK (set by ssh/pom.xml for the tests)").isNotBlank();
        Files.deleteIfExists(Path.of(socket));
        Process agent = new ProcessBuilder("/usr/bin/ssh-agent", "-D", "-a", socket)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.exists(Path.of(socket))) {
                assertThat(agent.isAlive()).as("ssh-agent is running").isTrue();
                assertThat(System.nanoTime()).as("ssh-agent socket appeared").isLessThan(deadline);
                Thread.sleep(10);
            }
            Path key = dir.resolve("id_agent");
            SshLoginTest.run(List.of("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
            Process add = new ProcessBuilder("/usr/bin/ssh-add", key.toString()).redirectErrorStream(true).start();
            String out = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(add.waitFor()).as(out).isZero();

            try (OpenSshServer sshd = OpenSshServer.builder()
                    .authorizedKey(Files.readString(Path.of(key + ".pub"))).build()) {
                sshd.start();
                SshTarget target = SshTarget.builder().host(sshd.host()).port(sshd.port()).user(sshd.user())
                        .useAgent(true).build();
                try (SshCommunicator ssh = SshCommunicator.connect(target)) {
                    assertThat(Servers.stdout(ssh, "echo agent-ok")).containsExactly("agent-ok");
                }
            }
        } finally {
            agent.destroy();
            agent.waitFor();
        }
    }
}
