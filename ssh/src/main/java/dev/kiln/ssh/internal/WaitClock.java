package dev.kiln.ssh.internal;

/** The time a wait reads and the way it pauses: the system's, or a test's own. */
interface WaitClock {
    /** The system's monotonic clock and {@link Thread#sleep}. */
    WaitClock SYSTEM = new WaitClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    /** Now, in nanoseconds from an arbitrary origin. */
    long nanoTime();

    /** Pauses for {@code nanos}; an interrupt ends it with {@link InterruptedException}. */
    void sleep(long nanos) throws InterruptedException;
}
