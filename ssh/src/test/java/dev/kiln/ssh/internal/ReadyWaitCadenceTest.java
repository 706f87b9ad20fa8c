package dev.kiln.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.ssh.SshException;
import dev.kiln.ssh.SshKeyPair;
import dev.kiln.ssh.SshKeys;
import dev.kiln.ssh.SshTarget;
import dev.kiln.testkit.openssh.OpenSshServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pace of {@link ReadyWait} against a real sshd on loopback whose port is closed until it starts, on a
 * clock that moves only when the wait pauses: the counts don't depend on how fast the machine runs the attempts.
 */
@Timeout(120)
class ReadyWaitCadenceTest {
    private static final SshKeyPair KEYS = SshKeys.generate();
    private static final SshKeyPair STRANGER = SshKeys.generate();
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aClosedPortIsTriedOnceASecondUntilTheReadyTimeout() throws Exception {
        try (OpenSshServer sshd = OpenSshServer.builder().authorizedKey(KEYS.publicKeyLine()).build()) {
            StepClock clock = new StepClock();
            SshTarget target = target(sshd, KEYS).readyTimeout(Duration.ofSeconds(30)).build();

            assertThatThrownBy(() -> ReadyWait.connect(target, line -> { }, clock))
                    .isInstanceOf(SshException.class)
                    .hasMessageContaining("timed out waiting for SSH")
                    .hasMessageContaining("after 31 attempts in 30.0s");
            assertThat(clock.pauses).hasSize(30).containsOnly(SECOND);
        }
    }

    @Test
    void sshdThatStartsListeningIsNoticedAtTheNextSecond() throws Exception {
        try (OpenSshServer sshd = OpenSshServer.builder().authorizedKey(KEYS.publicKeyLine()).build()) {
            StepClock clock = new StepClock();
            clock.at(12_300_000_000L, sshd::start);
            List<String> progress = new CopyOnWriteArrayList<>();

            ReadyWait.connect(target(sshd, KEYS).build(), progress::add, clock).close();

            assertThat(progress).last().asString()
                    .isEqualTo("Connected to SSH on " + sshd.user() + "@127.0.0.1:" + sshd.port()
                            + " after 14 attempts in 13.0s");
            assertThat(clock.pauses).hasSize(13).containsOnly(SECOND);
        }
    }

    @Test
    void failedLoginsArePacedAndCountedApartFromRefusedConnects() throws Exception {
        try (OpenSshServer sshd = OpenSshServer.builder().authorizedKey(STRANGER.publicKeyLine()).build()) {
            StepClock clock = new StepClock();
            clock.at(4_500_000_000L, sshd::start);
            SshTarget target = target(sshd, KEYS).handshakeAttempts(2).build();

            assertThatThrownBy(() -> ReadyWait.connect(target, line -> { }, clock))
                    .isInstanceOf(SshException.class)
                    .hasMessageContaining("authentication failed 2 times (handshakeAttempts=2)")
                    .hasMessageContaining("after 7 attempts in 10.0s")
                    .hasMessageContaining("last connection refused");
            // five refusals a second apart, then a failed login and 5 s to the next login
            assertThat(clock.pauses).containsExactly(SECOND, SECOND, SECOND, SECOND, SECOND, 5 * SECOND);
        }
    }

    private static SshTarget.Builder target(OpenSshServer sshd, SshKeyPair keys) {
        return SshTarget.builder().host(sshd.host()).port(sshd.port()).user(sshd.user())
                .privateKey(keys.privateKey()).connectTimeout(Duration.ofSeconds(10))
                .readyTimeout(Duration.ofMinutes(5));
    }

    /**
     * A clock that stands still while an attempt runs and moves forward by the whole pause when the wait pauses,
     * running a task (starting sshd) once the time passes the moment it is due.
     */
    private static final class StepClock implements WaitClock {
        final List<Long> pauses = Collections.synchronizedList(new ArrayList<>());
        private long now;
        private long dueAt = Long.MAX_VALUE;
        private Runnable due;

        void at(long nanos, Runnable task) {
            dueAt = nanos;
            due = task;
        }

        @Override
        public synchronized long nanoTime() {
            return now;
        }

        @Override
        public synchronized void sleep(long nanos) {
            pauses.add(nanos);
            now += nanos;
            if (now >= dueAt) {
                dueAt = Long.MAX_VALUE;
                due.run();
            }
        }
    }
}
