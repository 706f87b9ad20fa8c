package dev.kiln.aws.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools of daemon threads, so that work Kiln leaves running in the background never keeps a JVM alive. */
final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A cached pool whose threads are named {@code name-1}, {@code name-2}, ... */
    static ExecutorService pool(String name) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
