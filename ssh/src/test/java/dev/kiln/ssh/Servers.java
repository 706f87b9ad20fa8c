package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.Communicator;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.testkit.openssh.OpenSshServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Test helpers: a target that logs in to a local OpenSSH server with a key pair. */
final class Servers {
    private Servers() {
    }

    /** An sshd that accepts {@code keys}, started. */
    static OpenSshServer started(SshKeyPair keys) {
        OpenSshServer sshd = OpenSshServer.builder().authorizedKey(keys.publicKeyLine()).build();
        sshd.start();
        return sshd;
    }

    /** A target for {@code sshd} logging in with {@code keys}, with timeouts sized for loopback. */
    static SshTarget.Builder target(OpenSshServer sshd, SshKeyPair keys) {
        return SshTarget.builder().host(sshd.host()).port(sshd.port()).user(sshd.user())
                .privateKey(keys.privateKey())
                .connectTimeout(Duration.ofSeconds(5))
                .readyTimeout(Duration.ofSeconds(30));
    }

    /** Runs a command that must succeed and returns its stdout lines. */
    static List<String> stdout(Communicator ssh, String command) throws InterruptedException {
        List<String> out = new CopyOnWriteArrayList<>();
        CommandResult result = ssh.execute(Command.of(command), (stream, line) -> {
            if (stream == OutputStreamKind.STDOUT) {
                out.add(line);
            }
        });
        assertThat(result).as(command).isEqualTo(CommandResult.exited(0));
        return out;
    }

    /** Starts a command that runs for a minute, and returns once it has printed its first line. */
    static CompletableFuture<CommandResult> longCommandStarted(Communicator ssh) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return ssh.execute(Command.of("echo started; sleep 60"), (stream, line) -> started.countDown());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).as("the command started").isTrue();
        return running;
    }
}
