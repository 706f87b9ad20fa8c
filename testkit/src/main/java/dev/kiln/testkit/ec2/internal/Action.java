package dev.kiln.testkit.ec2.internal;

/** One EC2 action's handler. It runs with the cloud lock held and writes its result into the context. */
@FunctionalInterface
public interface Action {
    void run(ActionContext context);
}
