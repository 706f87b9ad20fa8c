package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.TransferListener;
import dev.kiln.testkit.openssh.OpenSshServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancel (an interrupt of the calling thread) ends a transfer or a command within 2 s, also with both cores
 * busy, and leaves the connection usable. The time is measured from the interrupt to the call's return.
 */
@Timeout(120)
class SshCancelTest {
    /** The promise: from the interrupt to the call's return. */
    static final Duration PROMPT = Duration.ofSeconds(2);
    /** Bytes moved before the interrupt, so that the transfer is in full flow. */
    static final long MOVING = 8L * 1024 * 1024;
    /** Far more than moves in a test: a sparse file takes no disk space. */
    static final long SPARSE = 64L * 1024 * 1024 * 1024;
    static final SshKeyPair KEYS = SshKeys.generate();
    static OpenSshServer sftpServer;
    static OpenSshServer scpServer;
    static SshCommunicator sftp;
    static SshCommunicator scp;

    @TempDir
    Path local;

    @BeforeAll
    static void connect() throws InterruptedException {
        sftpServer = Servers.started(KEYS);
        sftp = SshCommunicator.connect(Servers.target(sftpServer, KEYS).build());
        scpServer = OpenSshServer.builder().sftp(false).authorizedKey(KEYS.publicKeyLine()).build();
        scpServer.start();
        scp = SshCommunicator.connect(Servers.target(scpServer, KEYS).build());
    }

    @AfterAll
    static void close() {
        sftp.close();
        scp.close();
        sftpServer.close();
        scpServer.close();
    }

    @Test
    void anUploadOverSftpStops() throws Exception {
        String remote = sftpServer.directory().resolve("endless").toString();
        CountDownLatch moving = new CountDownLatch(1);

        Cancelled c = cancel(moving, () -> {
            try (InputStream endless = new SshTransferTest.GeneratedData(Long.MAX_VALUE)) {
                sftp.upload(endless, remote, 0600, countDownAfter(MOVING, moving));
            }
        });

        c.assertPrompt();
        assertCleanedUp(sftp, sftpServer, "sftp-server");
        Servers.stdout(sftp, "rm " + remote);
    }

    @Test
    void anUploadOverScpStops() throws Exception {
        Path big = sparseFile(local.resolve("big.img"));
        String remote = scpServer.directory().resolve("big.img").toString();
        CountDownLatch moving = new CountDownLatch(1);

        Cancelled c = cancel(moving, () -> scp.upload(big, remote, countDownAfter(MOVING, moving)));

        c.assertPrompt();
        assertCleanedUp(scp, scpServer, "scp");
        Servers.stdout(scp, "rm " + remote);
    }

    @Test
    void aDownloadOverSftpStops() throws Exception {
        assertADownloadStops(sftp, sftpServer, "sftp-server");
    }

    @Test
    void aDownloadOverScpStops() throws Exception {
        assertADownloadStops(scp, scpServer, "scp");
    }

    @Test
    void aRunningCommandStops() throws Exception {
        CountDownLatch started = new CountDownLatch(1);

        Cancelled c = cancel(started, () -> sftp.execute(Command.of("echo started; sleep 60"),
                (stream, line) -> started.countDown()));

        c.assertPrompt();
        // OpenSSH refuses the KILL signal on root sessions (README), so the sleep may outlive its channel
        assertCleanedUp(sftp, sftpServer, null);
    }

    private void assertADownloadStops(SshCommunicator ssh, OpenSshServer server, String program) throws Exception {
        String remote = server.directory().resolve("sparse.img").toString();
        Servers.stdout(ssh, "truncate -s " + SPARSE + " " + remote);
        CountDownLatch moving = new CountDownLatch(1);

        Cancelled c = cancel(moving, () -> ssh.download(remote, OutputStream.nullOutputStream(),
                countDownAfter(MOVING, moving)));

        c.assertPrompt();
        assertCleanedUp(ssh, server, program);
        Servers.stdout(ssh, "rm " + remote);
    }

    /** How a cancelled call ended: what it threw, and how long after the interrupt it returned. */
    private record Cancelled(Throwable outcome, Duration afterInterrupt) {
        void assertPrompt() {
            assertThat(outcome).isInstanceOf(InterruptedException.class);
            assertThat(afterInterrupt).as("time from the interrupt to the call's return").isLessThan(PROMPT);
        }
    }

    /** Runs {@code call} on a thread of its own, interrupts it once {@code going} opens, and times the return. */
    private static Cancelled cancel(CountDownLatch going, Interruptible call) throws InterruptedException {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicLong returnedAt = new AtomicLong();
        Thread caller = new Thread(() -> {
            try {
                call.run();
                returnedAt.set(System.nanoTime());
                outcome.set(new AssertionError("the call ended before it was cancelled"));
            } catch (Throwable t) {
                returnedAt.set(System.nanoTime());
                outcome.set(t);
            }
        }, "cancelled caller");
        caller.start();
        assertThat(going.await(60, TimeUnit.SECONDS)).as("the call got going").isTrue();

        long interruptedAt = System.nanoTime();
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(caller.isAlive()).as("the call still runs 30 s after the interrupt").isFalse();
        return new Cancelled(outcome.get(), Duration.ofNanos(returnedAt.get() - interruptedAt));
    }

    /**
     * The call left nothing behind: Kiln's thread for the call has ended, the remote {@code program} that served
     * the channel (when given) has ended, and the connection still works without a new login.
     */
    private static void assertCleanedUp(SshCommunicator ssh, OpenSshServer server, String program) throws Exception {
        awaitNone("Kiln threads for the cancelled call", () -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("kiln-ssh ") && t.getName().endsWith(":" + server.port()))
                .map(Thread::getName).toList());
        if (program != null) {
            ProcessHandle sshd = ProcessHandle.of(Long.parseLong(
                    Files.readString(server.directory().resolve("sshd.pid")).strip())).orElseThrow();
            awaitNone("remote " + program + " processes", () -> sshd.descendants()
                    .map(p -> p.info().command().orElse(""))
                    .filter(command -> command.endsWith("/" + program))
                    .toList());
        }
        long logins = logins(server);
        assertThat(Servers.stdout(ssh, "echo still-connected")).containsExactly("still-connected");
        assertThat(logins(server)).as("logins after the cancel").isEqualTo(logins);
    }

    /** Waits (up to 10 s) until {@code leftovers} finds nothing. */
    private static void awaitNone(String what, Supplier<List<String>> leftovers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> found = leftovers.get();
        while (!found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = leftovers.get();
        }
        assertThat(found).as(what + " 10 s after the cancel").isEmpty();
    }

    private static long logins(OpenSshServer server) {
        return server.log().stream().filter(l -> l.contains("Accepted publickey")).count();
    }

    private static TransferListener countDownAfter(long bytes, CountDownLatch latch) {
        return (path, transferred, total) -> {
            if (transferred >= bytes) {
                latch.countDown();
            }
        };
    }

    private static Path sparseFile(Path path) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(SPARSE);
        }
        return path;
    }

    @FunctionalInterface
    private interface Interruptible {
        void run() throws Exception;
    }
}
