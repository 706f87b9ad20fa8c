package dev.kiln.testkit.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.testkit.ssh.Deadline;
import dev.kiln.testkit.ssh.OpenSshClient;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A machine whose OS takes a while to boot: its port is closed, connections refused, until sshd listens. */
class MachineOsBootTest {
    private static final String USER = "ec2-user";

    @TempDir
    static Path tmp;

    private static OpenSshClient client;
    private static LocalMachineHost host;

    @BeforeAll
    static void createHost() {
        client = OpenSshClient.withNewKey(tmp, "id_instance");
        host = LocalMachineHost.create(tmp.resolve("host"));
    }

    @AfterAll
    static void closeHost() {
        host.close();
    }

    @Test
    void connectionsAreRefusedWhileTheOsBootsAndAStopEndsTheBoot() throws IOException {
        String address = "127.0.92.7";
        int port = LocalMachineHostTest.freePort(address);
        AtomicReference<Duration> osBoot = new AtomicReference<>(Duration.ofHours(1));
        LocalMachine machine = host.boot(request("i-0ccccccccccccccc1", address, port, osBoot));
        try {
            assertThatThrownBy(() -> LocalMachineHostTest.connect(address, port)).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("refused");
            assertThat(machine.consoleOutput()).containsExactly("kiln-boot: the OS boots; sshd listens in 3600.00 seconds");

            machine.stop();
            osBoot.set(Duration.ZERO);
            machine.start();

            assertThat(client.exec(address, port, USER, "echo up").stdout()).isEqualTo("up\n");
        } finally {
            machine.destroy();
        }
    }

    @Test
    void sshdListensOnceTheOsHasBootedAndCloudInitRunsAfterIt() throws IOException {
        String address = "127.0.92.8";
        int port = LocalMachineHostTest.freePort(address);
        LocalMachine machine = host.boot(request("i-0ccccccccccccccc2", address, port,
                new AtomicReference<>(Duration.ofMillis(300))));
        try {
            Deadline.await(Duration.ofSeconds(60), "sshd listens", () -> accepts(address, port));

            assertThat(client.exec(address, port, USER, "echo up").stdout()).isEqualTo("up\n");
            Deadline.await(Duration.ofSeconds(30), "cloud-init finished",
                    () -> machine.consoleOutput().stream().anyMatch(l -> l.startsWith("kiln-init: finished")));
            assertThat(machine.consoleOutput().get(0)).isEqualTo("kiln-boot: the OS boots; sshd listens in 0.30 seconds");
            assertThat(machine.consoleOutput().get(1)).startsWith("kiln-init: running 'init'");
        } finally {
            machine.destroy();
        }
    }

    private static boolean accepts(String address, int port) {
        try {
            LocalMachineHostTest.connect(address, port);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static MachineRequest request(String id, String address, int port, AtomicReference<Duration> osBoot) {
        return new MachineRequest(id, address, port, USER, List.of(client.publicKeyLine()), null,
                tmp.resolve("machines").resolve(id), () -> true, true, osBoot::get);
    }
}
