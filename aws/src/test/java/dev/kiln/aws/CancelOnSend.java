package dev.kiln.aws;

import dev.kiln.core.run.BuildHandle;
import dev.kiln.testkit.ec2.LocalEc2;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Cancels a build while LocalEc2 holds a call of an armed action ({@code faults().delay(...)}): once the SDK has
 * sent the call and LocalEc2 holds it, from a thread of its own. Registered as a global SDK interceptor (test
 * resources), so it sees the clients Kiln builds itself; unarmed, it does nothing.
 */
public final class CancelOnSend implements ExecutionInterceptor {
    private static final AtomicReference<Armed> ARMED = new AtomicReference<>();

    /** What to cancel, and on which action; {@code cancelledAt} completes with System.nanoTime() of the cancel. */
    record Armed(LocalEc2 ec2, String action, CompletableFuture<BuildHandle> handle, CompletableFuture<Long> cancelledAt) {
    }

    /** Arms the interceptor for the next call of {@code action}; complete the returned value's handle once started. */
    static Armed arm(LocalEc2 ec2, String action) {
        Armed armed = new Armed(ec2, action, new CompletableFuture<>(), new CompletableFuture<>());
        ARMED.set(armed);
        return armed;
    }

    /** Disarms it. */
    static void disarm() {
        ARMED.set(null);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Armed armed = ARMED.get();
        if (armed != null && armed.action().equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                && ARMED.compareAndSet(armed, null)) {
            armed.handle().orTimeout(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)
                    .thenAcceptAsync(handle -> {
                        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                        while (armed.ec2().faults().held(armed.action()) == 0 && System.nanoTime() < deadline) {
                            LockSupport.parkNanos(1_000_000L);
                        }
                        armed.cancelledAt().complete(System.nanoTime());
                        handle.cancel();
                    });
        }
    }
}
