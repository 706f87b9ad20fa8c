package dev.kiln.ssh.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work on a daemon thread of its own while the caller waits for it, so that an interrupt of the caller
 * always takes effect, whatever the work does with interrupts. On an interrupt the caller runs the work's abort
 * action, interrupts the work's thread, waits up to {@link #GRACE_MILLIS} for it to end, and throws
 * {@link InterruptedException}.
 */
final class OwnThread {
    private static final Logger LOG = LoggerFactory.getLogger(OwnThread.class);
    /** How long an interrupted caller waits for the aborted work to end before it returns anyway. */
    static final long GRACE_MILLIS = 1000;

    private OwnThread() {
    }

    /**
     * Runs {@code work} on a new thread named {@code name} and returns its result.
     *
     * @throws ExecutionException carrying what {@code work} threw
     * @throws InterruptedException when the caller was interrupted; {@code abort} has run by then
     */
    static <T> T call(String name, Callable<T> work, Runnable abort) throws ExecutionException, InterruptedException {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            abort.run();
            thread.interrupt();
            awaitEnd(thread);
            throw e;
        }
    }

    private static void awaitEnd(Thread thread) {
        try {
            thread.join(GRACE_MILLIS);
        } catch (InterruptedException again) {
            // Interrupted twice: stop waiting; the caller throws InterruptedException anyway.
        }
        if (thread.isAlive()) {
            LOG.debug("{} did not end within {} ms of the interrupt; leaving it to finish on its own", thread.getName(),
                    GRACE_MILLIS);
        }
    }
}
