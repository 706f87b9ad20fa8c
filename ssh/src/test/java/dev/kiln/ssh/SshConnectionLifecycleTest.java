package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.testkit.openssh.OpenSshServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Waiting for a server, losing it, and getting it back. */
@Timeout(120)
class SshConnectionLifecycleTest {
    static final SshKeyPair KEYS = SshKeys.generate();

    @Test
    void theWaitSucceedsWhenSshdStartsOnlyAfterTheWaitBegan() throws Exception {
        try (OpenSshServer sshd = OpenSshServer.builder().authorizedKey(KEYS.publicKeyLine()).build()) {
            List<String> progress = new CopyOnWriteArrayList<>();
            CountDownLatch refused = new CountDownLatch(1);
            CompletableFuture<SshCommunicator> connecting = CompletableFuture.supplyAsync(() -> {
                try {
                    return SshCommunicator.connect(Servers.target(sshd, KEYS).build(), line -> {
                        progress.add(line);
                        if (line.contains("not ready yet (connection refused)")) {
                            refused.countDown();
                        }
                    });
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(refused.await(30, TimeUnit.SECONDS)).as("an attempt was refused").isTrue();
            sshd.start();

            try (SshCommunicator ssh = connecting.get(60, TimeUnit.SECONDS)) {
                assertThat(ssh.execute(Command.of("true"), OutputSink.DISCARD).succeeded()).isTrue();
            }
            assertThat(progress.get(0)).startsWith("Waiting for SSH to become available on " + sshd.user()
                    + "@127.0.0.1:" + sshd.port());
            assertThat(progress).last().asString().startsWith("Connected to SSH").doesNotContain("after 1 attempt");
        }
    }

    @Test
    void aReadyTimeoutNamesTheAddressTheAttemptsAndTheLastRefusal() throws Exception {
        int port = unusedPort();
        SshTarget target = SshTarget.builder().host("127.0.0.1").port(port).user("deploy")
                .privateKey(KEYS.privateKey()).readyTimeout(Duration.ofSeconds(2)).build();

        assertThatThrownBy(() -> SshCommunicator.connect(target))
                .isInstanceOf(SshException.class)
                .hasMessageContaining("timed out waiting for SSH to become available on deploy@127.0.0.1:" + port)
                .hasMessageMatching("(?s).*after \\d+ attempts in \\d+\\.\\ds \\(ready timeout 2\\.0s\\).*")
                .hasMessageContaining("last connection refused: deploy@127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void aServerThatAcceptsButNeverSpeaksIsReportedAsTimedOut() throws Exception {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.start();
            SshTarget target = SshTarget.builder().host("127.0.0.1").port(silent.getLocalPort()).user("deploy")
                    .privateKey(KEYS.privateKey()).connectTimeout(Duration.ofMillis(500))
                    .readyTimeout(Duration.ofSeconds(2)).build();

            assertThatThrownBy(() -> SshCommunicator.connect(target))
                    .isInstanceOf(SshException.class)
                    .hasMessageContaining("last timed out: deploy@127.0.0.1:" + silent.getLocalPort());
            silent.close();
            acceptor.join();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void anInterruptStopsTheWaitPromptly() throws Exception {
        int port = unusedPort();
        SshTarget target = SshTarget.builder().host("127.0.0.1").port(port).user("deploy")
                .privateKey(KEYS.privateKey()).readyTimeout(Duration.ofMinutes(30)).build();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                SshCommunicator.connect(target, line -> waiting.countDown()).close();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        waiter.start();
        assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();

        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(waiter.isAlive()).as("still waiting after the interrupt").isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void sshdKilledMidCommandIsALostConnectionAndTheNextCallConnectsAgain() throws Exception {
        try (OpenSshServer sshd = Servers.started(KEYS);
                SshCommunicator ssh = SshCommunicator.connect(Servers.target(sshd, KEYS).build())) {
            CompletableFuture<CommandResult> running = Servers.longCommandStarted(ssh);

            sshd.stop();

            CommandResult result = running.get(60, TimeUnit.SECONDS);
            assertThat(result).isEqualTo(CommandResult.lostConnection());
            assertThat(result.connectionLost()).isTrue();
            assertThat(result.succeeded()).isFalse();

            // a failing command is told apart: it exits with a status, the connection stays
            sshd.start();
            assertThat(ssh.execute(Command.of("exit 7"), OutputSink.DISCARD)).isEqualTo(CommandResult.exited(7));
            assertThat(ssh.execute(Command.of("true"), OutputSink.DISCARD)).isEqualTo(CommandResult.exited(0));
        }
    }

    @Test
    void aConnectionDroppedWhileIdleIsReplacedOnTheNextCall() throws Exception {
        try (OpenSshServer sshd = Servers.started(KEYS)) {
            List<String> progress = new CopyOnWriteArrayList<>();
            try (SshCommunicator ssh = SshCommunicator.connect(Servers.target(sshd, KEYS).build(), progress::add)) {
                assertThat(Servers.stdout(ssh, "echo first")).containsExactly("first");
                sshd.stop();
                sshd.start();

                assertThat(Servers.stdout(ssh, "echo second")).containsExactly("second");
                ssh.upload(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), sshd.directory() + "/after",
                        0600, dev.kiln.core.comm.TransferListener.NONE);
                assertThat(Servers.stdout(ssh, "stat -c %s " + sshd.directory() + "/after")).containsExactly("3");
            }
            assertThat(progress).anyMatch(l -> l.contains("was lost; connecting again"));
            assertThat(sshd.log()).filteredOn(l -> l.contains("Accepted publickey")).hasSize(1);
        }
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    private static int unusedPort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
