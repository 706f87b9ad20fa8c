package dev.kiln.examples;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Makes Ctrl-C (or SIGTERM) clean up instead of killing the example mid-build: a shutdown hook interrupts the
 * thread that opened it (Kiln then cancels the build, whose undos all run, and the image test removes its
 * instance) and holds the JVM until that thread closes this, at most ten minutes.
 *
 * <pre>{@code
 * try (CtrlC ctrlC = CtrlC.interruptsThisThread(System.out)) {
 *     chain.run();
 * }
 * }</pre>
 */
final class CtrlC implements AutoCloseable {
    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);

    private CtrlC(Thread worker, PrintStream out) {
        hook = new Thread(() -> {
            out.println("\n==> Interrupted: cancelling and cleaning up...");
            out.flush();
            worker.interrupt();
            try {
                finished.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kiln-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** From now until {@link #close()}, Ctrl-C interrupts the calling thread and waits for it. */
    static CtrlC interruptsThisThread(PrintStream out) {
        return new CtrlC(Thread.currentThread(), out);
    }

    /** The work is over: a Ctrl-C now simply ends the process. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running and has just been released
        }
    }
}
