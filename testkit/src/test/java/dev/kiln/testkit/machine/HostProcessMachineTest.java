package dev.kiln.testkit.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testkit.ssh.Deadline;
import dev.kiln.testkit.ssh.OpenSshClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Machines without the sandbox: host processes in the machine's directory. */
class HostProcessMachineTest {
    private static final String USER = "ubuntu";
    private static final String ADDRESS = "127.0.93.4";

    @TempDir
    static Path tmp;

    private static OpenSshClient client;
    private static LocalMachineHost host;
    private static LocalMachine machine;

    @BeforeAll
    static void bootOneMachine() throws IOException {
        client = OpenSshClient.withNewKey(tmp, "id_instance");
        host = LocalMachineHost.builder().dataDir(tmp.resolve("host")).unsandboxed().build();
        machine = host.boot(new MachineRequest("i-0bbbbbbbbbbbbbbb1", ADDRESS, 0, USER, List.of(client.publicKeyLine()),
                null, tmp.resolve("machines/i-0bbbbbbbbbbbbbbb1"), () -> true, true));
    }

    @AfterAll
    static void closeHost() {
        host.close();
    }

    private OpenSshClient.Result exec(String command) {
        return client.exec(ADDRESS, machine.sshPort(), USER, command);
    }

    @Test
    void runsHostProcessesInTheMachineDirectory() {
        OpenSshClient.Result result = exec("pwd; echo $HOME; sudo -E sh -c 'echo via-sudo'; exit 3");

        assertThat(host.sandboxed()).isFalse();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout().lines()).containsExactly(
                machine.root().toString(), machine.root().toString(), "via-sudo");
    }

    @Test
    void execAndSftpSeeTheSameFiles() throws IOException {
        Path upload = Files.writeString(tmp.resolve("up.txt"), "from sftp");
        Path download = tmp.resolve("down.txt");

        exec("echo from-exec > made-by-exec.txt");
        OpenSshClient.Result transfer = client.sftp(ADDRESS, machine.sshPort(), USER,
                "put " + upload + " made-by-sftp.txt\nget made-by-exec.txt " + download + "\n");

        assertThat(transfer.exitCode()).as(transfer.toString()).isZero();
        assertThat(download).hasContent("from-exec");
        assertThat(exec("cat made-by-sftp.txt").stdout()).isEqualTo("from sftp");
        assertThat(machine.root().resolve("made-by-sftp.txt")).hasContent("from sftp");
    }

    @Test
    void stopKillsDaemonsThatLeftTheirParent() throws IOException {
        LocalMachine own = host.boot(new MachineRequest("i-0bbbbbbbbbbbbbbb2", "127.0.93.5", 0, USER,
                List.of(client.publicKeyLine()), null, tmp.resolve("machines/i-0bbbbbbbbbbbbbbb2"), () -> true, true));
        try {
            client.exec("127.0.93.5", own.sshPort(), USER, "setsid nohup sleep 777004 >/dev/null 2>&1 < /dev/null &");
            Deadline.await(Duration.ofSeconds(10), "the daemon runs", () -> LocalMachineHostTest.hostProcess("sleep 777004").isPresent());
            ProcessHandle daemon = LocalMachineHostTest.hostProcess("sleep 777004").orElseThrow();

            own.stop();

            assertThat(LocalMachineHostTest.runs(daemon)).isFalse();
        } finally {
            own.destroy();
        }
    }

    @Test
    void writesBootFinished() {
        Path bootFinished = machine.root().resolve("var/lib/cloud/instance/boot-finished");

        Deadline.await(Duration.ofSeconds(10), "boot-finished exists", () -> Files.exists(bootFinished));
        assertThat(machine.consoleOutput()).contains("-----END SSH HOST KEY FINGERPRINTS-----");
    }
}
