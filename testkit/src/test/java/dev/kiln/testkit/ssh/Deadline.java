package dev.kiln.testkit.ssh;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a real condition until it holds or a deadline passes; tests use it instead of sleeping. */
public final class Deadline {
    private Deadline() {
    }

    /** Waits until {@code condition} holds, checking every 20 ms, and fails with {@code what} after {@code limit}. */
    public static void await(Duration limit, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + limit + " waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
