package dev.kiln.aws.internal;

import dev.kiln.aws.WaitTime;
import java.util.concurrent.Callable;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** Builds the SDK's EC2 waiters with a configured poll delay and maximum wait, and keeps them cancellable. */
public final class Waiting {
    private Waiting() {
    }

    /**
     * The SDK's override configuration for one wait, built just before it starts: a poll every
     * {@code pollDelay} from its start, stopping after {@code maxWait}.
     */
    public static WaiterOverrideConfiguration override(WaitTime time) {
        long attempts = Math.max(2, time.maxWait().toMillis() / Math.max(1, time.pollDelay().toMillis()) + 1);
        return WaiterOverrideConfiguration.builder()
                .backoffStrategyV2(new FixedRatePolls(time.pollDelay()))
                .waitTimeout(time.maxWait())
                .maxAttempts((int) Math.min(Integer.MAX_VALUE, attempts))
                .build();
    }

    /** An EC2 waiter on {@code client} that polls and gives up as {@code time} says. */
    public static Ec2Waiter waiter(Ec2Client client, WaitTime time) {
        return Ec2Waiter.builder().client(client).overrideConfiguration(override(time)).build();
    }

    /**
     * Runs a wait; when the thread was interrupted while the SDK slept (the SDK reports that as a runtime
     * exception), throws {@link InterruptedException} instead so the build sees a cancel.
     */
    public static <T> T cancellable(Callable<T> wait) throws Exception {
        try {
            return wait.call();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || causedByInterrupt(e)) {
                InterruptedException interrupted = new InterruptedException("cancelled while waiting");
                interrupted.initCause(e);
                throw interrupted;
            }
            throw e;
        }
    }

    private static boolean causedByInterrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }
}
