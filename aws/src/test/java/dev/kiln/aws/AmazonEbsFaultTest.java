package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.run.BuildHandle;
import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Outcome;
import dev.kiln.core.run.SourceResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real builds against LocalEc2 under faults; after each, nothing but a finished AMI may remain. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AmazonEbsFaultTest extends LocalEc2BuildSupport {

    @Test
    void aProvisionerThatExitsOneFailsTheBuildAndEverythingIsUndone() throws Exception {
        SourceResult result = build(spec(ebs().build(), "echo about to fail", "exit 1"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error().orElseThrow().getMessage()).contains("Script exited with non-zero exit status: 1");
        assertThat(output()).contains("Terminating the source AWS instance...", "Deleting temporary security group...",
                "Deleting temporary keypair...");
    }

    @Test
    void anImageThatEndsFailedIsDeregisteredWithItsSnapshots() throws Exception {
        local.ec2.faults().imagesFail(1);

        SourceResult result = build(spec(ebs().build(), "true"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error().orElseThrow().getMessage()).contains("step 'create image' failed", "image ami-",
                "did not become available");
        assertThat(output()).contains("Deregistering the AMI and deleting associated snapshots");
    }

    @Test
    void aFailedRegionCopyUndoesTheCopyAndTheSourceAmi() throws Exception {
        local.ec2.faults().copiesFail(1);

        SourceResult result = build(spec(ebs().amiRegions("us-west-2").build(), "true"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error().orElseThrow().getMessage()).contains("step 'copy image' failed");
        assertThat(output()).contains("in us-west-2 because of cancellation, or error",
                "in us-east-1 because of cancellation, or error");
    }

    @Test
    void anUnreachableInstanceTimesOutOnSshAndIsTerminated() throws Exception {
        local.ec2.faults().instancesUnreachable(1);

        SourceResult result = build(spec(ebs().sshTimeout(Duration.ofSeconds(3)).build(), "true"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error().orElseThrow().getMessage()).contains("step 'connect' failed", "timed out waiting for SSH");
        assertThat(output()).contains("Waiting for SSH to become available...", "Terminating the source AWS instance...");
    }

    @Test
    void eventualConsistencyAfterRunInstancesAndCreateImageIsRetried() throws Exception {
        local.ec2.faults().eventualConsistency(3);

        SourceResult result = build(spec(ebs().build(), "true"));

        assertThat(result.outcome()).as(output()).isEqualTo(Outcome.BUILT);
    }

    @Test
    void throttlingOnEveryActionIsRiddenOutByTheSdkRetryStrategy() throws Exception {
        local.ec2.faults().throttle(0.3);

        SourceResult result = build(spec(ebs().build(), "true"));

        assertThat(result.outcome()).as(output()).isEqualTo(Outcome.BUILT);
        assertThat(local.ec2.calls().stream().filter(c -> "RequestLimitExceeded".equals(c.errorCode()))).isNotEmpty();
    }

    /** Cancels the build as soon as a step starts, or a message matching {@code when} is said. */
    private static final class CancelWhen implements BuildListener {
        final AtomicReference<BuildHandle> handle = new AtomicReference<>();
        final Predicate<String> when;

        CancelWhen(Predicate<String> when) {
            this.when = when;
        }

        @Override
        public void on(BuildEvent event) {
            if (event instanceof BuildEvent.StepStarted s) {
                check("step:" + s.step());
            } else if (event instanceof BuildEvent.Message m) {
                check(m.text());
            }
        }

        private void check(String event) {
            if (when.test(event)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (handle.get() == null && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                handle.get().cancel();
            }
        }
    }

    @ParameterizedTest(name = "cancel at {0}")
    @ValueSource(strings = {"step:key pair", "step:security group", "step:run instance", "Instance ID: ",
            "step:connect", "step:provisioner 1: shell", "step:stop instance", "step:create image", "AMI: ami-",
            "step:copy image", "Copying to: us-west-2", "step:tag image"})
    void aCancelAtAnyPointUndoesEverything(String at) throws Exception {
        CancelWhen cancel = new CancelWhen(event -> event.startsWith(at));
        BuildHandle handle = kiln(cancel).start(spec(ebs().amiRegions("us-west-2").build(), "true"));
        cancel.handle.set(handle);

        BuildResult result = handle.await();

        assertThat(result.sources().get(0).outcome()).as(output()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.sources().get(0).cleanupFailures()).isEmpty();
    }
}
