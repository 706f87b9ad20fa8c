package dev.kiln.core.provision.internal;

import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.comm.CommandTimeoutException;
import dev.kiln.core.comm.CommunicatorException;
import dev.kiln.core.provision.ProvisionerException;
import java.time.Duration;

/**
 * Retries an action while the communicator can't reach the machine (for example while it reboots), with a
 * growing pause between attempts, until a deadline. A command that timed out is not retried. Interrupts and
 * cancellation end the wait at once.
 *
 * <pre>{@code
 * CommandResult r = new StartRetry(Duration.ofMinutes(5), "start script.sh").run(context, () -> communicator.execute(...));
 * }</pre>
 */
public final class StartRetry {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final Duration timeout;
    private final String what;

    /** Retries {@code what} (used in messages) for up to {@code timeout}. */
    public StartRetry(Duration timeout, String what) {
        this.timeout = timeout;
        this.what = what;
    }

    /** An action that may fail with a {@link CommunicatorException}. */
    @FunctionalInterface
    public interface Attempt<T> {
        /** Tries once. */
        T run() throws InterruptedException;
    }

    /**
     * Runs {@code attempt} until it returns or the deadline passes.
     *
     * @throws ProvisionerException when the deadline passed, with the last failure as its cause
     */
    public <T> T run(BuildContext context, Attempt<T> attempt) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            context.checkCancelled();
            try {
                return attempt.run();
            } catch (CommandTimeoutException e) {
                throw e;
            } catch (CommunicatorException e) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ProvisionerException("Could not " + what + " within the start retry timeout of "
                            + timeout + ": " + e.getMessage(), e);
                }
                context.detail("Could not " + what + " (" + e.getMessage() + "); retrying");
                Thread.sleep(Math.max(1, Math.min(pause.toMillis(), Duration.ofNanos(left).toMillis())));
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }
}
