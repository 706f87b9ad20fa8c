package dev.kiln.testkit.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.testkit.ssh.Deadline;
import dev.kiln.testkit.ssh.OpenSshClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Machines in the bubblewrap sandbox (Debian package bubblewrap, run as root), reached with the real OpenSSH client. */
class LocalMachineHostTest {
    private static final String USER = "ec2-user";
    private static final String ADDRESS = "127.0.91.7";

    @TempDir
    static Path tmp;

    private static OpenSshClient client;
    private static LocalMachineHost host;
    private static LocalMachine machine;
    private static final AtomicBoolean sshAllowed = new AtomicBoolean(true);

    @BeforeAll
    static void bootOneMachine() throws IOException {
        client = OpenSshClient.withNewKey(tmp, "id_instance");
        host = LocalMachineHost.create(tmp.resolve("host"));
        machine = host.boot(request("i-0aaaaaaaaaaaaaaa1", ADDRESS, 0, true, null, sshAllowed::get));
    }

    @AfterAll
    static void closeHost() {
        host.close();
    }

    static MachineRequest request(String id, String address, int port, boolean reachable, Path imageRoot,
            java.util.function.BooleanSupplier allowed) {
        return new MachineRequest(id, address, port, USER, List.of(client.publicKeyLine()), imageRoot,
                tmp.resolve("machines").resolve(id), allowed, reachable);
    }

    private static OpenSshClient.Result exec(LocalMachine m, String command) {
        return client.exec(m.address(), m.sshPort(), USER, command);
    }

    @Test
    void logsInAsTheUserWithTheInstanceKeyAndNoOtherKey() {
        OpenSshClient stranger = OpenSshClient.withNewKey(tmp, "id_stranger");

        OpenSshClient.Result ok = exec(machine, "echo $USER; echo $HOME; pwd");
        OpenSshClient.Result refused = stranger.exec(ADDRESS, machine.sshPort(), USER, "echo in");

        assertThat(ok.stdout().lines()).containsExactly(USER, "/home/" + USER, "/home/" + USER);
        assertThat(refused.exitCode()).isEqualTo(255);
        assertThat(refused.stderr()).contains("Permission denied");
    }

    @Test
    void passesExitCodesAndStderrThroughTheSandbox() {
        OpenSshClient.Result result = exec(machine, "echo out; echo oops >&2; exit 42");

        assertThat(result.exitCode()).isEqualTo(42);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("oops\n");
    }

    @Test
    void execAndSftpSeeTheSameFiles() throws IOException {
        Path upload = Files.writeString(tmp.resolve("upload.txt"), "sent by sftp");
        Path download = tmp.resolve("index-downloaded.html");

        OpenSshClient.Result written = exec(machine, "mkdir -p /srv/site && echo '<h1>kiln</h1>' > /srv/site/index.html");
        OpenSshClient.Result transfer = client.sftp(ADDRESS, machine.sshPort(), USER,
                "get /srv/site/index.html " + download + "\nput " + upload + " /srv/site/upload.txt\n");
        OpenSshClient.Result readBack = exec(machine, "cat /srv/site/upload.txt");

        assertThat(written.exitCode()).isZero();
        assertThat(transfer.exitCode()).as(transfer.toString()).isZero();
        assertThat(download).hasContent("<h1>kiln</h1>");
        assertThat(readBack.stdout()).isEqualTo("sent by sftp");
        assertThat(machine.root().resolve("srv/site/index.html")).hasContent("<h1>kiln</h1>");
    }

    @Test
    void scpUploadsWithTheLegacyProtocolAsPackerDoesAndWithSftp() throws IOException {
        Path script = Files.writeString(tmp.resolve("script.sh"), "#!/bin/sh -e\necho provisioned on $(hostname)\n");

        OpenSshClient.Result legacy = client.scpUpload(ADDRESS, machine.sshPort(), USER, script, "/tmp/script_1.sh", true);
        OpenSshClient.Result modern = client.scpUpload(ADDRESS, machine.sshPort(), USER, script, "/tmp/script_2.sh", false);
        OpenSshClient.Result run = exec(machine, "chmod +x /tmp/script_1.sh && sudo -S -E sh -c '/tmp/script_1.sh' && cmp /tmp/script_1.sh /tmp/script_2.sh");

        assertThat(legacy.exitCode()).as(legacy.toString()).isZero();
        assertThat(modern.exitCode()).as(modern.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("provisioned on ip-127-0-91-7\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void sftpSeesTheHostUsrReadOnly() throws IOException {
        Path upload = Files.writeString(tmp.resolve("intruder.txt"), "x");

        OpenSshClient.Result listing = client.sftp(ADDRESS, machine.sshPort(), USER, "ls /usr/bin/env\n");
        OpenSshClient.Result write = client.sftp(ADDRESS, machine.sshPort(), USER, "put " + upload + " /usr/kiln-intruder.txt\n");

        assertThat(listing.stdout()).contains("/usr/bin/env");
        assertThat(write.exitCode()).isNotZero();
        assertThat(Path.of("/usr/kiln-intruder.txt")).doesNotExist();
    }

    @Test
    void keepsTheHostUsrReadOnlyAndGivesTheMachineItsOwnEtc() {
        OpenSshClient.Result usr = exec(machine, "touch /usr/kiln-test");
        OpenSshClient.Result etc = exec(machine, "echo mine > /etc/kiln-test && cat /etc/os-release /etc/passwd");

        assertThat(usr.exitCode()).isNotZero();
        assertThat(usr.stderr()).contains("Read-only file system");
        assertThat(Path.of("/usr/kiln-test")).doesNotExist();
        assertThat(etc.exitCode()).isZero();
        assertThat(etc.stdout()).contains("NAME=\"Kiln local image\"").contains("root:x:0:0:").contains(USER + ":x:1000:1000:");
        assertThat(machine.root().resolve("etc/kiln-test")).hasContent("mine");
        assertThat(Path.of("/etc/kiln-test")).doesNotExist();
    }

    @Test
    void sudoRunsItsCommandInEveryCommonForm() {
        OpenSshClient.Result result = exec(machine, "sudo mkdir -p /opt/app && sudo -E sh -c 'echo $HOME' && "
                + "sudo -u root -H id -u && sudo -n -- sh -c 'ls -d /opt/app' && echo 'exit 5' | sudo -s");

        assertThat(result.stdout().lines()).containsExactly("/home/" + USER, "0", "/opt/app");
        assertThat(result.exitCode()).isEqualTo(5);
    }

    @Test
    void givesTheMachineOnlyItsOwnLoopbackNetworkItsOwnProcessesAndItsHostname() {
        long jvm = ProcessHandle.current().pid();

        OpenSshClient.Result network = exec(machine, "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");
        OpenSshClient.Result processes = exec(machine, "test -e /proc/" + jvm + " && echo host-visible; cat /proc/1/comm");
        OpenSshClient.Result hostname = exec(machine, "cat /proc/sys/kernel/hostname");

        assertThat(network.stdout().lines()).containsExactly("lo");
        assertThat(processes.stdout()).isEqualTo("bwrap\n");
        assertThat(hostname.stdout()).isEqualTo("ip-127-0-91-7\n");
    }

    @Test
    void keepsDaemonsRunningBetweenCommands() {
        OpenSshClient.Result started = exec(machine, "nohup sleep 777001 >/dev/null 2>&1 & echo started");

        assertThat(started.stdout()).isEqualTo("started\n");
        assertThat(hostProcess("sleep 777001")).isPresent();
    }

    @Test
    void closesConnectionsTheSecurityGroupDoesNotAllow() {
        sshAllowed.set(false);
        OpenSshClient.Result refused;
        try {
            refused = exec(machine, "echo in");
        } finally {
            sshAllowed.set(true);
        }

        assertThat(refused.exitCode()).isEqualTo(255);
        assertThat(refused.stdout()).isEmpty();
        assertThat(exec(machine, "echo in").stdout()).isEqualTo("in\n");
    }

    @Test
    void writesBootFinishedAndPrintsTheHostKeyTheClientSees() {
        Path bootFinished = machine.root().resolve("var/lib/cloud/instance/boot-finished");
        Deadline.await(Duration.ofSeconds(10), "boot-finished exists", () -> Files.exists(bootFinished));
        String seen = client.hostKeyFingerprintSeen(ADDRESS, machine.sshPort(), USER);

        List<String> console = machine.consoleOutput();
        int begin = console.indexOf("-----BEGIN SSH HOST KEY FINGERPRINTS-----");
        assertThat(begin).isNotNegative();
        assertThat(console.get(begin + 1)).isEqualTo("256 " + seen + " root@ip-127-0-91-7 (ED25519)");
        assertThat(console.get(begin + 2)).isEqualTo("-----END SSH HOST KEY FINGERPRINTS-----");
        assertThat(exec(machine, "cat /var/lib/cloud/instance/boot-finished; cat /etc/hostname").stdout())
                .contains(" - v. kiln-local").endsWith("ip-127-0-91-7\n");
        assertThat(exec(machine, "cat ~/.ssh/authorized_keys").stdout()).isEqualTo(client.publicKeyLine() + "\n");
    }

    @Test
    void stopKillsEveryProcessAndStartServesAgainWithTheSameHostKey() throws IOException {
        int port = freePort("127.0.91.8");
        LocalMachine own = host.boot(request("i-0aaaaaaaaaaaaaaa2", "127.0.91.8", port, true, null, () -> true));
        String keyBefore = client.hostKeyFingerprintSeen("127.0.91.8", port, USER);
        Process running = client.start("127.0.91.8", port, USER, "sleep 777002");
        exec(own, "nohup sleep 777003 >/dev/null 2>&1 &");
        Deadline.await(Duration.ofSeconds(10), "the sleeps run", () -> hostProcess("sleep 777002").isPresent());
        ProcessHandle foreground = hostProcess("sleep 777002").orElseThrow();
        ProcessHandle daemon = hostProcess("sleep 777003").orElseThrow();

        own.stop();

        assertThat(runs(foreground)).isFalse();
        assertThat(runs(daemon)).isFalse();
        Deadline.await(Duration.ofSeconds(10), "the ssh client is disconnected", () -> !running.isAlive());
        assertThatThrownBy(() -> connect("127.0.91.8", port)).isInstanceOf(ConnectException.class);

        own.start();
        try {
            assertThat(own.sshPort()).isEqualTo(port);
            assertThat(client.hostKeyFingerprintSeen("127.0.91.8", port, USER)).isEqualTo(keyBefore);
            assertThat(exec(own, "echo again").stdout()).isEqualTo("again\n");
        } finally {
            own.destroy();
        }
        assertThat(tmp.resolve("machines/i-0aaaaaaaaaaaaaaa2")).doesNotExist();
    }

    @Test
    void bootsFromACapturedImageWithItsFilesButNotItsHostKeyOrTmp() throws IOException {
        LocalMachine baker = host.boot(request("i-0aaaaaaaaaaaaaaa3", "127.0.91.9", 0, true, null, () -> true));
        Path image = tmp.resolve("images/ami-0123");
        try {
            exec(baker, "mkdir -p /srv/site && echo baked > /srv/site/index.html && echo scratch > /tmp/scratch");
            String bakerKey = client.hostKeyFingerprintSeen("127.0.91.9", baker.sshPort(), USER);
            baker.stop();
            baker.captureTo(image);

            LocalMachine launched = host.boot(request("i-0aaaaaaaaaaaaaaa4", "127.0.91.10", 0, true, image, () -> true));
            try {
                assertThat(exec(launched, "cat /srv/site/index.html; ls -A /tmp | wc -l").stdout()).isEqualTo("baked\n0\n");
                assertThat(client.hostKeyFingerprintSeen("127.0.91.10", launched.sshPort(), USER)).isNotEqualTo(bakerKey);
                try (Stream<Path> files = Files.walk(image)) {
                    assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                            .noneMatch(name -> name.startsWith("ssh_host_"));
                }
                Path bootFinished = launched.root().resolve("var/lib/cloud/instance/boot-finished");
                Deadline.await(Duration.ofSeconds(10), "the launched machine finishes booting", () -> Files.exists(bootFinished));
            } finally {
                launched.destroy();
            }
        } finally {
            baker.destroy();
        }
    }

    @Test
    void anUnreachableMachineHasNothingListening() throws IOException {
        int port = freePort("127.0.91.11");
        LocalMachine unreachable = host.boot(request("i-0aaaaaaaaaaaaaaa5", "127.0.91.11", port, false, null, () -> true));
        try {
            assertThatThrownBy(() -> connect("127.0.91.11", port)).isInstanceOf(ConnectException.class);
        } finally {
            unreachable.destroy();
        }
    }

    static Optional<ProcessHandle> hostProcess(String commandLine) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.endsWith(commandLine)).orElse(false))
                .findFirst();
    }

    /** True while the process runs: neither gone nor a zombie waiting for its parent to reap it. */
    static boolean runs(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort(String address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return socket.getLocalPort();
        }
    }

    static void connect(String address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }
}
