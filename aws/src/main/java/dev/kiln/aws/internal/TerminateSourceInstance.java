package dev.kiln.aws.internal;

import java.util.List;

/**
 * Asks EC2 to terminate the source instance as soon as its AMI is available, so it stops costing while the
 * build copies, shares and tags the image. It does not wait: the cleanup registered by {@link RunSourceInstance}
 * repeats the (idempotent) request, waits until the instance is terminated and deletes leftover volumes, and the
 * security group's cleanup runs after that.
 */
final class TerminateSourceInstance implements Step {
    @Override
    public String name() {
        return "terminate instance";
    }

    @Override
    public void run(EbsState s) {
        s.context.say("Terminating the source instance now that its AMI is available...");
        RunSourceInstance.requestTermination(s, List.of(s.instanceId));
    }
}
