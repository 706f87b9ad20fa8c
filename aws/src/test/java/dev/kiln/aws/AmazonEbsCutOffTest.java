package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.run.BuildCancelledException;
import dev.kiln.core.run.BuildHandle;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Outcome;
import dev.kiln.core.run.SourceResult;
import dev.kiln.core.run.StepTiming;
import dev.kiln.testkit.ec2.Ec2Call;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every EC2 call that creates something, cut off: cancelled while LocalEc2 holds the call, and answered by a
 * dropped connection after LocalEc2 acted. After each, nothing may be left, nothing made twice.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AmazonEbsCutOffTest extends LocalEc2BuildSupport {
    private static final Duration HELD = Duration.ofSeconds(4);

    /** A create call and the step that makes it. */
    enum CreateCallCase {
        IMPORT_KEY_PAIR("ImportKeyPair", "key pair", "key-"),
        CREATE_SECURITY_GROUP("CreateSecurityGroup", "security group", "sg-"),
        RUN_INSTANCES("RunInstances", "run instance", "i-"),
        CREATE_IMAGE("CreateImage", "create image", "ami-"),
        COPY_IMAGE("CopyImage", "copy image", "ami-");

        final String action;
        final String step;
        final String idPrefix;

        CreateCallCase(String action, String step, String idPrefix) {
            this.action = action;
            this.step = step;
            this.idPrefix = idPrefix;
        }
    }

    @ParameterizedTest(name = "cancel while {0} is in flight")
    @EnumSource(CreateCallCase.class)
    void aCancelWhileTheCallIsInFlightUndoesWhatItMadeAndReturnsPromptly(CreateCallCase call) throws Exception {
        local.ec2.faults().delay(call.action, HELD);
        CancelOnSend.Armed cancel = CancelOnSend.arm(local.ec2, call.action);
        BuildHandle handle = kiln().start(spec(ebs().amiRegions("us-west-2").build(), "true"));
        cancel.handle().complete(handle);

        BuildResult result = handle.await();
        long sinceCancel = System.nanoTime() - cancel.cancelledAt().getNow(0L);

        SourceResult source = result.sources().get(0);
        assertThat(source.outcome()).as(output()).isEqualTo(Outcome.CANCELLED);
        assertThat(source.cleanupFailures()).isEmpty();
        assertThat(source.resourcesLeftBehind()).isEmpty();
        assertThat(Duration.ofNanos(sinceCancel)).as("await() after the cancel").isLessThan(Duration.ofSeconds(10));
        StepTiming cut = source.steps().stream().filter(s -> s.name().equals(call.step)).findFirst().orElseThrow();
        assertThat(cut.duration()).as("the step holding the call ends before its answer").isLessThan(Duration.ofSeconds(2));
        assertThat(created(call)).as("LocalEc2 acted on the call after the cancel").hasSize(1);
    }

    @ParameterizedTest(name = "answer to {0} lost, then retried")
    @EnumSource(CreateCallCase.class)
    void aLostAnswerIsRetriedWithoutMakingAnythingTwice(CreateCallCase call) throws Exception {
        local.ec2.faults().loseAnswers(call.action, 1);

        SourceResult result = build(spec(ebs().amiRegions("us-west-2").build(), "true"));

        assertThat(result.outcome()).as(output()).isEqualTo(Outcome.BUILT);
        assertThat(calls(call.action)).as("the SDK sent the call again").hasSizeGreaterThanOrEqualTo(2);
        assertThat(created(call)).as("made once").hasSize(1);
    }

    @ParameterizedTest(name = "cancel while {0} is held")
    @ValueSource(strings = {"DescribeImages", "StopInstances"})
    void aCancelDuringAnyHeldCallEndsItsStepPromptly(String action) throws Exception {
        local.ec2.faults().delay(action, Duration.ofSeconds(20));
        CancelOnSend.Armed cancel = CancelOnSend.arm(local.ec2, action);
        BuildHandle handle = kiln().start(spec(ebs().build(), "true"));
        cancel.handle().complete(handle);

        BuildResult result = handle.await();
        long sinceCancel = System.nanoTime() - cancel.cancelledAt().getNow(0L);

        SourceResult source = result.sources().get(0);
        assertThat(source.outcome()).as(output()).isEqualTo(Outcome.CANCELLED);
        assertThat(source.error().orElseThrow()).isInstanceOf(BuildCancelledException.class)
                .hasMessageStartingWith("Build 'amazon-ebs' was cancelled at step '")
                .cause().isInstanceOf(InterruptedException.class).hasMessageStartingWith("cancelled during ");
        assertThat(source.cleanupFailures()).isEmpty();
        assertThat(Duration.ofNanos(sinceCancel)).as("await() after the cancel").isLessThan(Duration.ofSeconds(10));
        if (action.equals("DescribeImages")) {
            assertThat(List.of("CreateSecurityGroup", "ImportKeyPair", "RunInstances")).as("the launch's read-only "
                    + "look-ups (sent together) were cut off before anything was made").allSatisfy(a -> assertThat(
                            calls(a)).as(a).isEmpty());
        }
        assertThat(local.ec2.leaks()).isEmpty();
    }

    @AfterEach
    void disarm() {
        CancelOnSend.disarm();
    }

    /** The distinct resources of the case's kind that this test's calls created. */
    private List<String> created(CreateCallCase call) {
        return calls(call.action).stream().map(Ec2Call::createdIds).flatMap(List::stream)
                .filter(id -> id.startsWith(call.idPrefix)).distinct().toList();
    }
}
