package dev.kiln.aws.internal;

/** Stops the provisioned instance and waits until it is stopped, so the image is consistent. */
final class StopSourceInstance implements Step {
    @Override
    public String name() {
        return "stop instance";
    }

    @Override
    public void run(EbsState s) throws Exception {
        s.context.say("Stopping the source instance...");
        s.ec2().stopInstances(r -> r.instanceIds(s.instanceId));
        s.context.say("Waiting for the instance to stop...");
        Waiting.cancellable(() -> Waiting.waiter(s.ec2(), s.config.waits().instanceStopped())
                .waitUntilInstanceStopped(r -> r.instanceIds(s.instanceId)));
    }
}
