package dev.kiln.testkit.machine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/** Waiting, boundedly, for killed processes to be gone. */
final class ProcessExits {
    private static final long LIMIT_NANOS = 10_000_000_000L;
    private static final long POLL_NANOS = 2_000_000L;

    private ProcessExits() {
    }

    /**
     * Waits until the process runs no more (exited, or a zombie waiting for its parent to reap it), at most ten
     * seconds; a process killed with SIGKILL goes at once.
     */
    static void awaitExit(ProcessHandle process) {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (runs(process.pid()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static boolean runs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
