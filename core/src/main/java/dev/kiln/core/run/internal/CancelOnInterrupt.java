package dev.kiln.core.run.internal;

/**
 * Waits for a running build and turns an interrupt of the waiting thread into a cancel of the build: the
 * wait goes on until the build has ended (cleanups included), and the thread's interrupt flag is set again
 * on return.
 */
public final class CancelOnInterrupt {

    /** A blocking wait for a result. */
    @FunctionalInterface
    public interface Wait<T> {
        T await() throws InterruptedException;
    }

    private CancelOnInterrupt() {
    }

    /** Waits with {@code wait}; calls {@code cancel} on each interrupt and keeps waiting. */
    public static <T> T await(Wait<T> wait, Runnable cancel) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return wait.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel.run();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
