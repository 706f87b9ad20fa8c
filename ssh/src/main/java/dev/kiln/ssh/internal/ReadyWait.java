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
 * Waits until a target accepts an SSH login: retries TCP connect and handshake with backoff until the ready
 * timeout, stops early on a host key mismatch or repeated authentication failures, and returns at once when
 * the calling thread is interrupted.
 */
public final class ReadyWait {
    private static final Logger LOG = LoggerFactory.getLogger(ReadyWait.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final SshTarget target;
    private final Consumer<String> progress;
    private final Map<FailureKind, String> lastErrors = new EnumMap<>(FailureKind.class);
    private int attempts;
    private int authFailures;

    private ReadyWait(SshTarget target, Consumer<String> progress) {
        this.target = target;
        this.progress = progress;
    }

    /** Connects to {@code target}, reporting what it waits for to {@code progress}. */
    public static Connection connect(SshTarget target, Consumer<String> progress) throws InterruptedException {
        return new ReadyWait(target, progress).run();
    }

    private Connection run() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + target.readyTimeout().toNanos();
        Duration backoff = FIRST_BACKOFF;
        progress.accept("Waiting for SSH to become available on " + describe() + "...");
        while (true) {
            long remaining = deadline - System.nanoTime();
            int timeoutMillis = (int) Math.max(1, Math.min(target.connectTimeout().toMillis(), remaining / 1_000_000));
            attempts++;
            try {
                Connection connection = attempt(timeoutMillis);
                progress.accept("Connected to SSH on " + describe() + " after " + attempts
                        + (attempts == 1 ? " attempt" : " attempts"));
                return connection;
            } catch (AttemptFailure failure) {
                if (lastErrors.put(failure.kind(), failure.getMessage()) == null) {
                    progress.accept("SSH on " + describe() + " is not ready yet (" + failure.kind().words()
                            + "); retrying until the ready timeout of " + seconds(target.readyTimeout()));
                }
                LOG.debug("SSH attempt {} to {} failed: {}", attempts, describe(), failure.getMessage());
                giveUpEarly(failure, start);
            }
            remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw failure("timed out waiting for SSH to become available", start, null);
            }
            long pause = Math.min(backoff.toNanos(), remaining);
            Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
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
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
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
