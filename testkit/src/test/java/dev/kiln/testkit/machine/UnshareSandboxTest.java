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

/**
 * Without bubblewrap, machines run in the sandbox util-linux's unshare builds (as root), with the same guarantees:
 * their writes land in their own root, the host's {@code /usr} is read-only, their network is their own loopback,
 * and stopping kills every process.
 */
class UnshareSandboxTest {
    private static final String USER = "ec2-user";
    private static final String ADDRESS = "127.0.95.7";

    @TempDir
    static Path tmp;

    private static OpenSshClient client;
    private static LocalMachineHost host;
    private static LocalMachine machine;

    @BeforeAll
    static void bootOneMachine() throws IOException {
        client = OpenSshClient.withNewKey(tmp, "id_instance");
        host = HostSettings.withoutBubblewrap(tmp.resolve("no-bwrap")).dataDir(tmp.resolve("host")).build();
        machine = host.boot(request("i-0ccccccccccccccc1", ADDRESS));
    }

    @AfterAll
    static void closeHost() {
        host.close();
    }

    private static MachineRequest request(String id, String address) {
        return new MachineRequest(id, address, 0, USER, List.of(client.publicKeyLine()), null,
                tmp.resolve("machines").resolve(id), () -> true, true);
    }

    private static OpenSshClient.Result exec(LocalMachine m, String command) {
        return client.exec(m.address(), m.sshPort(), USER, command);
    }

    @Test
    void usesUnshareWhenBubblewrapIsMissing() {
        assertThat(host).hasToString("LocalMachineHost[unshare]");
        assertThat(host.sandboxed()).isTrue();
    }

    @Test
    void writesToEtcSrvOptAndTmpLandInTheMachineAndUsrIsReadOnly() {
        String marker = "kiln-unshare-" + ProcessHandle.current().pid();

        OpenSshClient.Result written = exec(machine, "echo mine > /etc/" + marker + " && sudo mkdir -p /srv/site /opt/app"
                + " && echo page > /srv/site/index.html && echo scratch > /tmp/" + marker + " && cat /etc/os-release");
        OpenSshClient.Result usr = exec(machine, "touch /usr/" + marker);

        assertThat(written.exitCode()).as(written.toString()).isZero();
        assertThat(written.stdout()).contains("NAME=\"Kiln local image\"");
        assertThat(machine.root().resolve("etc/" + marker)).hasContent("mine");
        assertThat(machine.root().resolve("srv/site/index.html")).hasContent("page");
        assertThat(machine.root().resolve("opt/app")).isDirectory();
        assertThat(machine.root().resolve("tmp/" + marker)).hasContent("scratch");
        assertThat(Path.of("/etc", marker)).doesNotExist();
        assertThat(Path.of("/tmp", marker)).doesNotExist();
        assertThat(usr.exitCode()).isNotZero();
        assertThat(usr.stderr()).contains("Read-only file system");
        assertThat(Path.of("/usr", marker)).doesNotExist();
    }

    @Test
    void sftpSeesTheMachineFiles() throws IOException {
        Path upload = Files.writeString(tmp.resolve("upload.txt"), "sent by sftp");

        OpenSshClient.Result transfer = client.sftp(ADDRESS, machine.sshPort(), USER, "put " + upload + " /srv/upload.txt\n");

        assertThat(transfer.exitCode()).as(transfer.toString()).isZero();
        assertThat(exec(machine, "cat /srv/upload.txt").stdout()).isEqualTo("sent by sftp");
        assertThat(machine.root().resolve("srv/upload.txt")).hasContent("sent by sftp");
    }

    @Test
    void givesTheMachineItsOwnLoopbackProcessesAndHostname() {
        long jvm = ProcessHandle.current().pid();

        OpenSshClient.Result network = exec(machine, "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");
        OpenSshClient.Result loopback = exec(machine, "perl -MIO::Socket::INET -e '$l = IO::Socket::INET->new("
                + "Listen => 1, LocalAddr => \"127.0.0.1:0\") or die \"listen: $!\"; IO::Socket::INET->new("
                + "PeerAddr => \"127.0.0.1:\" . $l->sockport) or die \"connect: $!\"; print \"connected\\n\"'");
        OpenSshClient.Result processes = exec(machine, "test -e /proc/" + jvm + " && echo host-visible; cat /proc/1/comm");
        OpenSshClient.Result hostname = exec(machine, "cat /proc/sys/kernel/hostname");

        assertThat(network.stdout().lines()).containsExactly("lo");
        assertThat(loopback.stdout()).as(loopback.toString()).isEqualTo("connected\n");
        assertThat(processes.stdout()).isEqualTo("sh\n");
        assertThat(hostname.stdout()).isEqualTo("ip-127-0-95-7\n");
    }

    @Test
    void stopKillsEveryProcessAndLeavesNoMountOnTheHost() throws IOException {
        LocalMachine own = host.boot(request("i-0ccccccccccccccc2", "127.0.95.8"));
        try {
            exec(own, "setsid nohup sleep 777006 >/dev/null 2>&1 < /dev/null &");
            Deadline.await(Duration.ofSeconds(10), "the daemon runs", () -> LocalMachineHostTest.hostProcess("sleep 777006").isPresent());
            ProcessHandle daemon = LocalMachineHostTest.hostProcess("sleep 777006").orElseThrow();

            own.stop();

            assertThat(LocalMachineHostTest.runs(daemon)).isFalse();
            assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("kiln-sandbox")
                    .doesNotContain(tmp.toString());
        } finally {
            own.destroy();
        }
    }
}
