package dev.kiln.ssh.internal;

import dev.kiln.ssh.SshException;
import dev.kiln.ssh.SshTarget;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a target accepts an SSH login: retries TCP connect and handshake until the ready timeout, stops
 * early on a host key mismatch or repeated authentication failures, and returns at once when the calling thread
 * is interrupted.
 *
 * <p>While nothing answers (a booting machine refuses connections until its sshd listens) an attempt starts every
 * {@link #CONNECT_INTERVAL}, counted from the start of the previous one: SSH is noticed within a second of coming
 * up, at no more than one TCP connect a second, where a backoff to 5 s (Packer retries every 5 s) notices it
 * 2.5 s late on average. A failed login is another matter: sshd is up, but cloud-init may not have installed the
 * key yet, so the next attempt waits {@link #AUTH_RETRY_INTERVAL}, and {@link SshTarget#handshakeAttempts()}
 * such failures give up; refusals and timeouts don't count against that budget.
 */
public final class ReadyWait {
    /** The least time between the starts of two attempts while the target does not answer. */
    static final Duration CONNECT_INTERVAL = Duration.ofSeconds(1);
    /** The least time between the start of an attempt whose login failed and the next attempt. */
    static final Duration AUTH_RETRY_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ReadyWait.class);

    private final SshTarget target;
    private final Consumer<String> progress;
    private final WaitClock clock;
    private final Map<FailureKind, String> lastErrors = new EnumMap<>(FailureKind.class);
    private int attempts;
    private int authFailures;

    private ReadyWait(SshTarget target, Consumer<String> progress, WaitClock clock) {
        this.target = target;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Connects to {@code target}, reporting what it waits for to {@code progress}; the last line says how many
     * attempts (TCP connects to the target) it took and how long.
     */
    public static Connection connect(SshTarget target, Consumer<String> progress) throws InterruptedException {
        return connect(target, progress, WaitClock.SYSTEM);
    }

    /** {@link #connect(SshTarget, Consumer)}, reading the time from and pausing on {@code clock}. */
    static Connection connect(SshTarget target, Consumer<String> progress, WaitClock clock) throws InterruptedException {
        return new ReadyWait(target, progress, clock).run();
    }

    private Connection run() throws InterruptedException {
        long start = clock.nanoTime();
        long deadline = start + target.readyTimeout().toNanos();
        progress.accept("Waiting for SSH to become available on " + describe() + "...");
        while (true) {
            long attemptStart = clock.nanoTime();
            long remaining = deadline - attemptStart;
            int timeoutMillis = (int) Math.max(1, Math.min(target.connectTimeout().toMillis(), remaining / 1_000_000));
            attempts++;
            Duration interval;
            try {
                Connection connection = attempt(timeoutMillis);
                progress.accept("Connected to SSH on " + describe() + " after " + attempts
                        + (attempts == 1 ? " attempt" : " attempts") + " in " + seconds(since(start)));
                return connection;
            } catch (AttemptFailure failure) {
                if (lastErrors.put(failure.kind(), failure.getMessage()) == null) {
                    progress.accept("SSH on " + describe() + " is not ready yet (" + failure.kind().words()
                            + "); retrying until the ready timeout of " + seconds(target.readyTimeout()));
                }
                LOG.debug("SSH attempt {} to {} failed: {}", attempts, describe(), failure.getMessage());
                giveUpEarly(failure, start);
                interval = failure.kind() == FailureKind.AUTH_FAILED ? AUTH_RETRY_INTERVAL : CONNECT_INTERVAL;
            }
            long now = clock.nanoTime();
            remaining = deadline - now;
            if (remaining <= 0) {
                throw failure("timed out waiting for SSH to become available", start, null);
            }
            long pause = Math.min(attemptStart + interval.toNanos() - now, remaining);
            if (pause > 0) {
                clock.sleep(pause);
            }
        }
    }

    private Duration since(long start) {
        return Duration.ofNanos(clock.nanoTime() - start);
    }

    private void giveUpEarly(AttemptFailure failure, long start) {
        if (failure.kind() == FailureKind.HOST_KEY_MISMATCH) {
            throw failure("the server's host key is not the expected one", start, failure);
        }
        if (failure.kind() == FailureKind.AUTH_FAILED && ++authFailures >= target.handshakeAttempts()) {
            throw failure("authentication failed " + authFailures + (authFailures == 1 ? " time" : " times")
                    + " (handshakeAttempts=" + target.handshakeAttempts() + "); check the user name and key", start,
                    failure);
        }
    }

    /** Runs one attempt on its own thread so an interrupt can abort it even while a socket blocks. */
    private Connection attempt(int timeoutMillis) throws AttemptFailure, InterruptedException {
        Attempt attempt = new Attempt();
        try {
            return OwnThread.call("kiln-ssh-connect " + target.address(), () -> attempt.connect(target, timeoutMillis),
                    attempt::cancel);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AttemptFailure failure) {
                throw failure;
            }
            throw new AttemptFailure(FailureKind.OTHER, describe() + ": " + e.getCause(), e.getCause());
        }
    }

    private SshException failure(String what, long start, AttemptFailure cause) {
        Duration elapsed = since(start);
        String last = lastErrors.entrySet().stream()
                .map(e -> "last " + e.getKey().words() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
        return new SshException(target, what + " on " + describe() + " after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " in " + seconds(elapsed) + " (ready timeout "
                + seconds(target.readyTimeout()) + "); " + last, cause);
    }

    private String describe() {
        return target.address() + target.bastion().map(b -> " via " + b.address()).orElse("");
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
