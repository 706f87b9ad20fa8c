package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import dev.kiln.core.provision.ProvisionerException;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.BuildCancelledException;
import dev.kiln.core.run.BuildHandle;
import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.CleanupFailure;
import dev.kiln.core.run.Outcome;
import dev.kiln.core.run.SourceResult;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.testkit.ec2.Ec2Call;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** Real builds against LocalEc2 under faults; after each, nothing but a finished AMI may remain. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AmazonEbsFaultTest extends LocalEc2BuildSupport {

    @Test
    void aProvisionerThatExitsOneFailsTheBuildWithItsExitStatusAndOutputAndEverythingIsUndone() throws Exception {
        SourceResult result = build(ImageSpec.builder("test").source(ebs())
                .provision(Provisioners.shell().inline("echo preparing", "echo about to fail", "exit 1")).build());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).get(throwable(ProvisionerException.class))
                .hasMessage("Script exited with non-zero exit status: 1. Allowed exit codes are: [0]\n"
                        + "Script: inline script\nLast 2 lines of output:\n    preparing\n    about to fail")
                .satisfies(e -> {
                    assertThat(e.exitStatus()).hasValue(1);
                    assertThat(e.outputTail()).containsExactly("preparing", "about to fail");
                });
        assertThat(output()).contains("Terminating the source AWS instance...", "Deleting temporary security group...",
                "Deleting temporary keypair...");
    }

    @Test
    void aFailedEc2CallIsAnAmazonEbsExceptionWithItsErrorCodeAndRequestId() throws Exception {
        SourceResult result = build(ImageSpec.builder("test").source(ebs().sourceAmi("ami-0123456789abcdef0"))
                .provision(Provisioners.shell().inline("true")).build());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).get(throwable(AmazonEbsException.class))
                .hasMessageStartingWith("step 'resolve source AMI' failed: InvalidAMIID.NotFound (request id ")
                .hasMessageEndingWith("): The image id '[ami-0123456789abcdef0]' does not exist")
                .hasCauseInstanceOf(Ec2Exception.class)
                .satisfies(e -> {
                    assertThat(e.step()).isEqualTo("resolve source AMI");
                    assertThat(e.errorCode()).isEqualTo("InvalidAMIID.NotFound");
                    assertThat(e.requestId()).matches("[0-9a-f-]{36}");
                });
        assertThat(calls("DescribeImages")).extracting(Ec2Call::errorCode).contains("InvalidAMIID.NotFound");
        assertThat(calls("RunInstances")).isEmpty();
    }

    @Test
    void aFailedCleanupCallIsAnAmazonEbsExceptionNamingTheCleanupAndTheErrorCode() throws Exception {
        local.ec2.faults().throttleAlways("DeleteKeyPair");

        SourceResult result = build(ImageSpec.builder("test").source(ebs().maxAttempts(2))
                .provision(Provisioners.shell().inline("true")).build());
        local.ec2.faults().clear();

        assertThat(result.outcome()).as(output()).isEqualTo(Outcome.BUILT);
        assertThat(result.cleanupFailures()).hasSize(1);
        CleanupFailure failure = result.cleanupFailures().get(0);
        assertThat(failure.description()).startsWith("Deleting temporary keypair kiln_");
        assertThat(failure.error()).asInstanceOf(throwable(AmazonEbsException.class))
                .hasMessageStartingWith("step '" + failure.description() + "' failed: RequestLimitExceeded (request id ")
                .satisfies(e -> {
                    assertThat(e.step()).isEqualTo(failure.description());
                    assertThat(e.errorCode()).isEqualTo("RequestLimitExceeded");
                });
        String keyName = failure.resources().get(0).id();
        try (Ec2Client ec2 = local.client("us-east-1")) {
            ec2.deleteKeyPair(r -> r.keyName(keyName));
        }
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
    @CsvSource(delimiter = '|', value = {"step:key pair | key pair", "step:security group | security group",
            "step:run instance | run instance", "Instance ID:  | run instance", "step:connect | connect",
            "step:provisioner 1: shell | provisioner 1: shell", "step:stop instance | stop instance",
            "step:create image | create image", "AMI: ami- | create image", "step:copy image | copy image",
            "Copying to: us-west-2 | copy image", "step:tag image | tag image"})
    void aCancelAtAnyPointUndoesEverythingAndSaysWhereItWasCancelled(String at, String step) throws Exception {
        CancelWhen cancel = new CancelWhen(event -> event.startsWith(at));
        BuildHandle handle = kiln(cancel).start(spec(ebs().amiRegions("us-west-2").build(), "true"));
        cancel.handle.set(handle);

        BuildResult result = handle.await();

        SourceResult source = result.sources().get(0);
        assertThat(source.outcome()).as(output()).isEqualTo(Outcome.CANCELLED);
        assertThat(source.cleanupFailures()).isEmpty();
        assertThat(source.error()).get(throwable(BuildCancelledException.class))
                .hasMessage("Build 'amazon-ebs' was cancelled at step '" + step + "'")
                .satisfies(e -> assertThat(e.step()).contains(step));
        assertThatThrownBy(result::orElseThrow).isSameAs(source.error().orElseThrow());
    }
}
