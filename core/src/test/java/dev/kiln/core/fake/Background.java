package dev.kiln.core.fake;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Runs a piece of work on a thread of its own, so a test can interrupt it and see what it threw. */
public final class Background {
    /** Work that may throw. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    public final Thread thread;
    private final CompletableFuture<Throwable> thrown = new CompletableFuture<>();

    private Background(Work work) {
        thread = new Thread(() -> {
            try {
                work.run();
                thrown.complete(null);
            } catch (Throwable e) {
                thrown.complete(e);
            }
        });
        thread.start();
    }

    public static Background start(Work work) {
        return new Background(work);
    }

    /** What the work threw (null if nothing), waiting up to 30 s for it to end. */
    public Throwable thrown() throws Exception {
        return thrown.get(30, TimeUnit.SECONDS);
    }

    /** Waits up to 10 s for a condition another thread makes true; returns whether it did. */
    public static boolean awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return condition.getAsBoolean();
    }
}
