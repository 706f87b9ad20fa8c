package dev.kiln.core.fake;

import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.comm.Communicator;
import dev.kiln.core.provision.Provisioner;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A provisioner whose attempts do what the test says; counts them. */
public final class ScriptedProvisioner implements Provisioner {
    /** One attempt; {@code number} counts from 1. */
    @FunctionalInterface
    public interface Attempt {
        void run(BuildContext context, int number) throws Exception;
    }

    public final AtomicInteger attempts = new AtomicInteger();
    private final Attempt attempt;

    public ScriptedProvisioner(Attempt attempt) {
        this.attempt = attempt;
    }

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public List<Problem> validate() {
        return List.of();
    }

    @Override
    public void fingerprint(Fingerprinter fingerprinter) {
    }

    @Override
    public void provision(BuildContext context, Communicator communicator) throws Exception {
        attempt.run(context, attempts.incrementAndGet());
    }
}
