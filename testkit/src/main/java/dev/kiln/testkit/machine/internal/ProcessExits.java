package dev.kiln.testkit.machine.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting, boundedly, for killed processes to be gone. */
final class ProcessExits {
    private static final long LIMIT_SECONDS = 10;

    private ProcessExits() {
    }

    /** Waits until the process has exited, at most ten seconds (a killed process goes at once). */
    static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a zombie whose parent has not reaped it yet: it runs nothing any more
        }
    }
}
