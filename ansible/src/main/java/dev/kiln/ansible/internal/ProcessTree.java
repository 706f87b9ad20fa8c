package dev.kiln.ansible.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a local process together with every process it started (Ansible's workers, their ssh and ssh's
 * ProxyCommand), and waits for them to be gone.
 *
 * <pre>{@code
 * ProcessTree.kill(process.toHandle());
 * }</pre>
 */
public final class ProcessTree {
    /** How long to wait for killed processes to be reaped. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    private ProcessTree() {
    }

    /**
     * Kills {@code root} and its descendants at once (SIGKILL), then waits for each to exit. The descendants are
     * listed before anything is killed, since a killed parent's children are no longer its descendants. Keeps the
     * calling thread's interrupt flag.
     */
    public static void kill(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroyForcibly);
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        for (ProcessHandle process : all) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | TimeoutException e) {
                // a process that outlives SIGKILL by this long is stuck in the kernel; nothing more can be done
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
