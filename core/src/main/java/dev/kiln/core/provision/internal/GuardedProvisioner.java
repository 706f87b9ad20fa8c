package dev.kiln.core.provision.internal;

import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.comm.Communicator;
import dev.kiln.core.provision.Provisioner;
import dev.kiln.core.provision.ProvisionerOptions;
import dev.kiln.core.provision.ProvisionerTimeoutException;
import dev.kiln.core.run.BuildCancelledException;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs any provisioner with its {@link ProvisionerOptions}: pauses first, retries failed attempts, and runs
 * each attempt under the timeout on a thread of its own that is interrupted when the time is up. Made by
 * {@link ProvisionerOptions#applyTo(Provisioner)}.
 *
 * <pre>{@code
 * Provisioner guarded = options.applyTo(shell);
 * guarded.provision(context, communicator);
 * }</pre>
 */
public final class GuardedProvisioner implements Provisioner {
    /** How long a timed-out attempt may take to stop after its interrupt before the build moves on. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Provisioner delegate;
    private final ProvisionerOptions options;

    /** Wraps {@code delegate} with {@code options}. */
    public GuardedProvisioner(Provisioner delegate, ProvisionerOptions options) {
        this.delegate = delegate;
        this.options = options;
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public List<Problem> validate() {
        return delegate.validate();
    }

    @Override
    public void fingerprint(Fingerprinter fingerprinter) {
        delegate.fingerprint(fingerprinter);
    }

    @Override
    public void provision(BuildContext context, Communicator communicator) throws Exception {
        if (!options.pauseBefore().isZero()) {
            context.say("Pausing " + options.pauseBefore() + " before the next provisioner...");
            Thread.sleep(options.pauseBefore().toMillis());
        }
        int attempts = options.maxRetries() + 1;
        for (int attempt = 1; ; attempt++) {
            context.checkCancelled();
            try {
                attempt(context, communicator);
                return;
            } catch (InterruptedException | BuildCancelledException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= attempts) {
                    throw e;
                }
                context.checkCancelled();
                context.say("The " + type() + " provisioner failed: " + e.getMessage() + "; retrying (attempt "
                        + (attempt + 1) + " of " + attempts + ")");
            }
        }
    }

    private void attempt(BuildContext context, Communicator communicator) throws Exception {
        if (options.timeout().isZero()) {
            delegate.provision(context, communicator);
            return;
        }
        FutureTask<Void> task = new FutureTask<>(() -> {
            delegate.provision(context, communicator);
            return null;
        });
        Thread worker = new Thread(task, "kiln-" + context.sourceName() + "-" + type());
        worker.setDaemon(true);
        worker.start();
        try {
            task.get(options.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stop(worker);
            throw new ProvisionerTimeoutException(type(), options.timeout());
        } catch (InterruptedException e) {
            stop(worker);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }

    /** Interrupts the attempt and waits a while for it to end, keeping this thread's interrupt. */
    private static void stop(Thread worker) {
        worker.interrupt();
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (worker.isAlive() && System.nanoTime() < deadline) {
            try {
                worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return delegate + " with " + options;
    }
}
