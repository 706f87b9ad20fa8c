package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.CommandTimeoutException;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.testkit.openssh.OpenSshServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Running commands on real OpenSSH over one connection. */
class SshExecTest {
    static final SshKeyPair KEYS = SshKeys.generate();
    static OpenSshServer sshd;
    static SshCommunicator ssh;

    @BeforeAll
    static void connect() throws InterruptedException {
        sshd = Servers.started(KEYS);
        ssh = SshCommunicator.connect(Servers.target(sshd, KEYS).build());
    }

    @AfterAll
    static void close() {
        ssh.close();
        ssh.close();
        sshd.close();
    }

    @Test
    void reportsExitStatusesAndSeparatesStdoutFromStderrLineByLine() throws Exception {
        List<String> lines = new ArrayList<>();
        OutputSink sink = (stream, line) -> {
            synchronized (lines) {
                lines.add(stream + " " + line);
            }
        };

        CommandResult result = ssh.execute(Command.of("printf 'one\\ntwo\\r\\nno-newline'; echo oops >&2; exit 3"), sink);

        assertThat(result).isEqualTo(CommandResult.exited(3));
        assertThat(result.succeeded()).isFalse();
        assertThat(lines).containsExactlyInAnyOrder("STDOUT one", "STDOUT two", "STDOUT no-newline", "STDERR oops");
        assertThat(ssh.execute(Command.of("true"), OutputSink.DISCARD)).isEqualTo(CommandResult.exited(0));
        assertThat(ssh.execute(Command.of("exit 255"), OutputSink.DISCARD).exitStatus()).isEqualTo(255);
    }

    @Test
    void deliversEachLineWhileTheCommandIsStillRunning() throws Exception {
        CountDownLatch firstLine = new CountDownLatch(1);
        AtomicReference<Boolean> markerExistedAtFirstLine = new AtomicReference<>();
        String marker = "/tmp/kiln-exec-marker-" + System.nanoTime();
        Thread releaser = new Thread(() -> {
            try {
                if (firstLine.await(30, TimeUnit.SECONDS)) {
                    markerExistedAtFirstLine.set(false);
                    ssh.execute(Command.of("touch " + marker), OutputSink.DISCARD);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        releaser.start();

        // The command prints a line, then waits for a file that is only created after that line arrived here.
        CommandResult result = ssh.execute(Command.of("echo first; while [ ! -e " + marker + " ]; do sleep 0.05; done; "
                + "echo second; rm " + marker).withTimeout(Duration.ofSeconds(30)), (stream, line) -> {
                    if (line.equals("first")) {
                        firstLine.countDown();
                    }
                });
        releaser.join();

        assertThat(result.succeeded()).isTrue();
        assertThat(markerExistedAtFirstLine.get()).isFalse();
    }

    @Test
    void streams50MegabytesOfStdoutWithoutHoldingItInMemory() throws Exception {
        long size = 50L * 1024 * 1024;
        AtomicLong bytes = new AtomicLong();
        AtomicLong lines = new AtomicLong();
        AtomicLong longest = new AtomicLong();
        long liveBefore = liveHeap();
        AtomicLong peakLiveGrowth = new AtomicLong();

        CommandResult result = ssh.execute(
                Command.of("yes 'kiln 0123456789 abcdefghijklmnopqrstuvwxyz 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ' | head -c "
                        + size + "; head -c 300000 /dev/zero | tr '\\0' x"),
                (stream, line) -> {
                    bytes.addAndGet(line.length() + 1);
                    longest.accumulateAndGet(line.length(), Math::max);
                    if (lines.incrementAndGet() % 150_000 == 0) {
                        peakLiveGrowth.accumulateAndGet(liveHeap() - liveBefore, Math::max);
                    }
                });

        assertThat(result.succeeded()).isTrue();
        // the last 300000 bytes have no newline: they arrive as pieces of at most 64 KiB, the last without "\n"
        assertThat(bytes.get()).isEqualTo(size + 300_000 + 300_000 / (64 * 1024) + 1);
        assertThat(longest.get()).isEqualTo(64 * 1024);
        assertThat(lines.get()).isGreaterThan(600_000);
        assertThat(peakLiveGrowth.get()).as("live heap growth while streaming").isLessThan(16L * 1024 * 1024);
    }

    /** Heap in use after a full collection: what is still referenced. */
    private static long liveHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void aCommandKilledByASignalHasNoExitStatusButTheConnectionStays() throws Exception {
        CommandResult killed = ssh.execute(Command.of("kill -KILL $$"), OutputSink.DISCARD);

        assertThat(killed.connectionLost()).isFalse();
        assertThat(killed.succeeded()).isFalse();
        assertThat(Servers.stdout(ssh, "echo still-connected")).containsExactly("still-connected");
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsStoppedAndReported() throws Exception {
        assertThatThrownBy(() -> ssh.execute(Command.of("sleep 60").withTimeout(Duration.ofMillis(300)),
                OutputSink.DISCARD))
                .isInstanceOf(CommandTimeoutException.class)
                .hasMessageContaining("PT0.3S")
                .hasMessageContaining("sleep 60");
        assertThat(ssh.execute(Command.of("true"), OutputSink.DISCARD).succeeded()).isTrue();
    }

    @Test
    void withAPtyATimedOutCommandIsGoneFromTheMachine() throws Exception {
        // Without a PTY, OpenSSH honours the KILL signal request only for non-root sessions ("session
        // signalling requires privilege separation"); with a PTY, closing the channel hangs up the command.
        String seconds = "61." + (System.nanoTime() % 1000);
        try (SshCommunicator tty = SshCommunicator.connect(Servers.target(sshd, KEYS).pty(true).build())) {
            assertThatThrownBy(() -> tty.execute(Command.of("sleep " + seconds).withTimeout(Duration.ofMillis(300)),
                    OutputSink.DISCARD)).isInstanceOf(CommandTimeoutException.class);
        }
        List<String> out = new ArrayList<>();
        // "[s]leep" keeps pgrep from matching the shell that runs it; the hang-up may take a moment to land
        ssh.execute(Command.of("for i in $(seq 100); do pgrep -f '^[s]leep " + seconds + "$' >/dev/null || "
                + "{ echo gone; exit; }; sleep 0.05; done; echo still-running"), (stream, line) -> out.add(line));
        assertThat(out).containsExactly("gone");
    }

    @Test
    void anOutputSinkThatThrowsFailsTheCallButNotTheConnection() throws Exception {
        IllegalStateException boom = new IllegalStateException("sink broke");
        assertThatThrownBy(() -> ssh.execute(Command.of("echo one; echo two"), (stream, line) -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(Servers.stdout(ssh, "echo still-connected")).containsExactly("still-connected");
    }

    @Test
    void stdinIsClosedSoCommandsThatReadItDoNotHang() throws Exception {
        List<String> out = new ArrayList<>();
        CommandResult result = ssh.execute(Command.of("wc -c").withTimeout(Duration.ofSeconds(20)),
                (stream, line) -> out.add(line));
        assertThat(result.succeeded()).isTrue();
        assertThat(out).containsExactly("0");
    }

    @Test
    void withAPtyTheCommandSeesATerminal() throws Exception {
        try (SshCommunicator tty = SshCommunicator.connect(Servers.target(sshd, KEYS).pty(true).build())) {
            List<String> out = new ArrayList<>();
            assertThat(tty.execute(Command.of("test -t 1 && echo terminal"), (stream, line) -> {
                if (stream == OutputStreamKind.STDOUT) {
                    out.add(line);
                }
            }).succeeded()).isTrue();
            assertThat(out).containsExactly("terminal");
        }
    }

    @Test
    void runsCommandsConcurrentlyOverTheOneConnection() throws Exception {
        long loginsBefore = logins();
        List<Thread> threads = new ArrayList<>();
        List<CommandResult> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            threads.add(new Thread(() -> {
                try {
                    CommandResult r = ssh.execute(Command.of("sleep 0.2; exit " + n), OutputSink.DISCARD);
                    synchronized (results) {
                        results.add(r);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).extracting(CommandResult::exitStatus).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(logins()).as("logins during the concurrent commands").isEqualTo(loginsBefore);
    }

    private static long logins() {
        return sshd.log().stream().filter(l -> l.contains("Accepted publickey")).count();
    }

    @Test
    void aClosedCommunicatorRefusesNewCalls() throws Exception {
        SshCommunicator other = SshCommunicator.connect(Servers.target(sshd, KEYS).build());
        other.close();
        other.close();
        assertThatThrownBy(() -> other.execute(Command.of("true"), OutputSink.DISCARD))
                .isInstanceOf(SshException.class)
                .hasMessageContaining("closed");
    }
}
