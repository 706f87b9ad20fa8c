package dev.kiln.ansible.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    private static final Duration POLL = Duration.ofMillis(5);

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
        while (true) {
            try {
                awaitExit(all, EXIT_WAIT);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until none of {@code processes} is alive, or {@code limit} has passed; true when they are all gone.
     * The processes that are not this JVM's children give no exit event (Java polls them every 300 ms or more,
     * one by one), so this looks at them all every few milliseconds.
     */
    public static boolean awaitExit(List<ProcessHandle> processes, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }
}
