package dev.kiln.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.fake.FakeArtifact;
import dev.kiln.core.fake.FakeBuilder;
import dev.kiln.core.fake.FakePostProcessor;
import dev.kiln.core.fake.RecordingListener;
import dev.kiln.core.fake.ScriptedProvisioner;
import dev.kiln.core.post.PostProcessor;
import dev.kiln.core.provision.ProvisionerException;
import dev.kiln.core.provision.ProvisionerTimeoutException;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class KilnRunnerTest {
    private final List<String> log = FakeBuilder.newLog();
    private final RecordingListener listener = new RecordingListener();

    private Kiln kiln(OnError onError) {
        return Kiln.builder().onError(onError).listener(listener).build();
    }

    private static ImageSpec spec(FakeBuilder... sources) {
        ImageSpec.SpecBuilder spec = ImageSpec.builder("image")
                .provision(Provisioners.shell().inline("echo hello").build());
        for (FakeBuilder source : sources) {
            spec.source(source);
        }
        return spec.build();
    }

    private FakeBuilder failingCapture() {
        return FakeBuilder.named("web", log).onCapture(context -> {
            throw new IllegalStateException("CreateImage failed");
        });
    }

    private List<String> undos() {
        synchronized (log) {
            return log.stream().filter(line -> line.contains("undo")).toList();
        }
    }

    @Test
    void successRunsTheAlwaysUndosNewestFirstAndDropsTheOnFailureOnes() {
        FakeBuilder web = FakeBuilder.named("web", log);

        BuildResult result = kiln(OnError.CLEANUP).build(spec(web));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.source("web").orElseThrow().outcome()).isEqualTo(Outcome.BUILT);
        assertThat(result.artifact("web").map(Artifact::id)).contains("local:img-web");
        assertThat(log).containsExactly("web: validate", "web: findExisting", "web: launch", "web: capture",
                "web: undo instance", "web: undo security group", "web: undo key pair");
        assertThat(result.source("web").orElseThrow().resourcesLeftBehind()).isEmpty();
        assertThat(result.source("web").orElseThrow().steps()).extracting(StepTiming::name, StepTiming::outcome)
                .containsExactly(
                        tuple("find existing image", StepOutcome.SUCCEEDED),
                        tuple("launch", StepOutcome.SUCCEEDED),
                        tuple("provisioner 1: shell", StepOutcome.SUCCEEDED),
                        tuple("capture", StepOutcome.SUCCEEDED));
    }

    @Test
    void failureRunsEveryUndoNewestFirstIncludingTheOnFailureOnes() {
        FakeBuilder web = failingCapture();

        BuildResult result = kiln(OnError.CLEANUP).build(spec(web));

        SourceResult source = result.source("web").orElseThrow();
        assertThat(source.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(source.error()).get().extracting(Throwable::getMessage).isEqualTo("CreateImage failed");
        assertThat(source.artifact()).isEmpty();
        assertThat(undos()).containsExactly("web: undo image", "web: undo instance", "web: undo security group",
                "web: undo key pair");
        assertThat(source.steps()).last().extracting(StepTiming::outcome).isEqualTo(StepOutcome.FAILED);
    }

    @Test
    void aFailedProvisionerRunsTheErrorCleanupProvisionerThenEveryUndo() {
        FakeBuilder web = FakeBuilder.named("web", log);
        web.communicator().behave((command, output) ->
                CommandResult.exited(command.line().contains("script_") && !log.contains("failed once")
                        && log.add("failed once") ? 3 : 0));
        ImageSpec spec = spec(web).toBuilder()
                .errorCleanup(Provisioners.shell().inline("journalctl > /tmp/debug.log").build()).build();

        BuildResult result = kiln(OnError.CLEANUP).build(spec);

        SourceResult source = result.source("web").orElseThrow();
        assertThat(source.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(source.error().orElseThrow().getMessage())
                .startsWith("Script exited with non-zero exit status: 3. Allowed exit codes are: [0]");
        assertThat(web.communicator().uploads.values()).anySatisfy(script ->
                assertThat(new String(script)).contains("journalctl > /tmp/debug.log"));
        assertThat(source.steps()).extracting(StepTiming::name).contains("error cleanup: shell");
        assertThat(log).doesNotContain("web: capture");
        assertThat(undos()).containsExactly("web: undo instance", "web: undo security group", "web: undo key pair");
    }

    @Test
    void aFailingUndoIsReportedAndTheOthersStillRun() {
        FakeBuilder web = FakeBuilder.named("web", log).failingUndo();

        BuildResult result = kiln(OnError.CLEANUP).build(spec(web));

        SourceResult source = result.source("web").orElseThrow();
        assertThat(source.outcome()).isEqualTo(Outcome.BUILT);
        assertThat(undos()).containsExactly("web: undo instance", "web: undo security group", "web: undo key pair");
        assertThat(source.cleanupFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.description()).isEqualTo("delete security group");
            assertThat(failure.error()).hasMessage("DependencyViolation: group in use");
            assertThat(failure.resources()).containsExactly(new Resource("security-group", "sg-web", "local"));
        });
        assertThat(source.resourcesLeftBehind()).containsExactly(new Resource("security-group", "sg-web", "local"));
        assertThat(listener.events).contains("web cleanup-failed delete security group: DependencyViolation: group in use");
        assertThat(listener.leftBehind).containsExactly(new Resource("security-group", "sg-web", "local"));
    }

    @Test
    void abortRunsNoUndoAndListsEveryResourceLeftBehind() {
        FakeBuilder web = failingCapture();

        BuildResult result = kiln(OnError.ABORT).build(spec(web));

        SourceResult source = result.source("web").orElseThrow();
        assertThat(source.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(undos()).isEmpty();
        List<Resource> everything = List.of(new Resource("key-pair", "kp-web", "local"),
                new Resource("security-group", "sg-web", "local"), new Resource("instance", "i-web", "local"),
                new Resource("image", "img-web", "local"));
        assertThat(source.resourcesLeftBehind()).containsExactlyElementsOf(everything);
        assertThat(listener.leftBehind).containsExactlyElementsOf(everything);
    }

    @Test
    void abortStillCleansUpAfterASuccess() {
        BuildResult result = kiln(OnError.ABORT).build(spec(FakeBuilder.named("web", log)));

        assertThat(result.succeeded()).isTrue();
        assertThat(undos()).containsExactly("web: undo instance", "web: undo security group", "web: undo key pair");
    }

    /** Launch registers an undo that sleeps (it would fail if the thread were still interrupted), then blocks. */
    private FakeBuilder blockingInLaunch(CountDownLatch entered, AtomicBoolean undoSawInterrupt) {
        return FakeBuilder.named("web", log).onLaunch(context -> {
            context.onCleanup("flush logs", () -> {
                undoSawInterrupt.set(Thread.currentThread().isInterrupted());
                Thread.sleep(1);
                log.add("web: undo flush logs");
            });
            entered.countDown();
            new CountDownLatch(1).await();
        });
    }

    @Test
    void cancelInterruptsTheRunningStepThenRunsEveryUndoNewestFirst() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean undoSawInterrupt = new AtomicBoolean(true);
        BuildHandle handle = kiln(OnError.ABORT).start(spec(blockingInLaunch(entered, undoSawInterrupt)));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(handle.await(Duration.ZERO)).as("still running").isEmpty();
        assertThat(handle.isDone()).isFalse();
        handle.cancel();
        BuildResult result = handle.await();

        assertThat(handle.isDone()).isTrue();
        SourceResult source = result.source("web").orElseThrow();
        assertThat(source.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.cancelled()).isTrue();
        assertThat(undoSawInterrupt).isFalse();
        assertThat(undos()).containsExactly("web: undo flush logs", "web: undo instance",
                "web: undo security group", "web: undo key pair");
        assertThat(source.steps()).extracting(StepTiming::name, StepTiming::outcome)
                .contains(tuple("launch", StepOutcome.CANCELLED));
    }

    @Test
    void interruptingTheCallerCancelsRunsEveryUndoAndKeepsTheInterruptFlag() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean undoSawInterrupt = new AtomicBoolean(true);
        AtomicReference<BuildResult> result = new AtomicReference<>();
        AtomicBoolean flagAfterReturn = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            result.set(kiln(OnError.CLEANUP).build(spec(blockingInLaunch(entered, undoSawInterrupt))));
            flagAfterReturn.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(caller.isAlive()).isFalse();
        assertThat(result.get().source("web").orElseThrow().outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(flagAfterReturn).isTrue();
        assertThat(undoSawInterrupt).isFalse();
        assertThat(undos()).containsExactly("web: undo flush logs", "web: undo instance",
                "web: undo security group", "web: undo key pair");
    }

    @Test
    void cancelBeforeASourceStartsLaunchesNothing() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        FakeBuilder first = blockingInLaunch(entered, new AtomicBoolean());
        FakeBuilder second = FakeBuilder.named("db", log);
        BuildHandle handle = Kiln.builder().parallelism(1).build().start(spec(first, second));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        handle.cancel();
        BuildResult result = handle.await();

        assertThat(result.sources()).extracting(SourceResult::outcome)
                .containsExactly(Outcome.CANCELLED, Outcome.CANCELLED);
        assertThat(log).doesNotContain("db: launch", "db: findExisting");
    }

    @Test
    void sourcesRunConcurrentlyUpToTheParallelismLimit() throws Exception {
        CountDownLatch twoInside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        AtomicInteger launched = new AtomicInteger();
        FakeBuilder.Hook hook = context -> {
            launched.incrementAndGet();
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            twoInside.countDown();
            release.await();
            inside.decrementAndGet();
        };
        ImageSpec spec = spec(FakeBuilder.named("a", log).onLaunch(hook), FakeBuilder.named("b", log).onLaunch(hook),
                FakeBuilder.named("c", log).onLaunch(hook));

        BuildHandle handle = Kiln.builder().parallelism(2).build().start(spec);
        assertThat(twoInside.await(10, TimeUnit.SECONDS)).as("two sources inside launch at once").isTrue();
        assertThat(launched.get()).as("the third source waits for a free slot").isEqualTo(2);
        release.countDown();
        BuildResult result = handle.await();

        assertThat(result.succeeded()).isTrue();
        assertThat(launched.get()).isEqualTo(3);
        assertThat(mostInside.get()).isEqualTo(2);
    }

    @Test
    void anInvalidSpecIsRefusedWithEveryProblemAndNothingIsLaunched() {
        ImageSpec spec = ImageSpec.builder(" ")
                .source(FakeBuilder.named("web", log).problem(new Problem("amiName", "is empty", "set it")))
                .source(FakeBuilder.named("web", log))
                .provision(Provisioners.shell().build(), o -> o.maxRetries(-1))
                .build();

        assertThatThrownBy(() -> kiln(OnError.CLEANUP).start(spec))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field)
                        .containsExactly("name", "sources[web].amiName", "sources[web]", "provisioners[0].inline",
                                "provisioners[0].maxRetries"));
        assertThat(log).containsOnly("web: validate");
        assertThat(listener.events).isEmpty();
    }

    @Test
    void anExistingImageIsReusedWithoutLaunchingAndStillPostProcessed() {
        List<String> processed = Collections.synchronizedList(new ArrayList<>());
        ImageSpec spec = spec(FakeBuilder.named("web", log).existing(FakeArtifact.image("local:img-old")))
                .toBuilder().postProcess(recorder(processed)).build();

        BuildResult result = kiln(OnError.CLEANUP).build(spec);

        assertThat(result.source("web").orElseThrow().outcome()).isEqualTo(Outcome.REUSED);
        assertThat(log).doesNotContain("web: launch");
        assertThat(processed).containsExactly("web local:img-old");
    }

    @Test
    void postProcessorsRunAfterTheCleanups() {
        List<String> processed = Collections.synchronizedList(new ArrayList<>());
        ImageSpec spec = spec(FakeBuilder.named("web", log)).toBuilder().postProcess(recorder(processed)).build();

        BuildResult result = kiln(OnError.CLEANUP).build(spec);

        assertThat(result.succeeded()).isTrue();
        assertThat(processed).containsExactly("web local:img-web");
        assertThat(log.indexOf("web: undo key pair")).isLessThan(log.indexOf("post-processed"));
    }

    @Test
    void theRunnerAppliesEachProvisionersRetriesAndTimeout() {
        ScriptedProvisioner flaky = new ScriptedProvisioner((context, attempt) -> {
            if (attempt == 1) {
                throw new ProvisionerException("apt lock held");
            }
        });
        ScriptedProvisioner hanging = new ScriptedProvisioner((context, attempt) -> new CountDownLatch(1).await());
        ImageSpec spec = ImageSpec.builder("image").source(FakeBuilder.named("web", log))
                .provision(flaky, o -> o.maxRetries(1))
                .provision(hanging, o -> o.timeout(Duration.ofMillis(50)))
                .build();

        SourceResult source = kiln(OnError.CLEANUP).build(spec).source("web").orElseThrow();

        assertThat(flaky.attempts).hasValue(2);
        assertThat(source.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(source.error()).get().isInstanceOf(ProvisionerTimeoutException.class);
        assertThat(source.steps()).extracting(StepTiming::name, StepTiming::outcome).contains(
                tuple("provisioner 1: scripted", StepOutcome.SUCCEEDED),
                tuple("provisioner 2: scripted", StepOutcome.FAILED));
        assertThat(undos()).containsExactly("web: undo instance", "web: undo security group", "web: undo key pair");
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheBuildOrTheOtherListeners() {
        BuildListener broken = event -> {
            if (event instanceof BuildEvent.StepStarted) {
                throw new IllegalStateException("listener bug");
            }
        };
        Kiln kiln = Kiln.builder().listener(broken).listener(listener).build();

        BuildResult result = kiln.build(spec(FakeBuilder.named("web", log)));

        assertThat(result.succeeded()).isTrue();
        assertThat(listener.events).contains("web step-started launch");
    }

    private PostProcessor recorder(List<String> processed) {
        return new FakePostProcessor("recorder", (context, artifact) -> {
            processed.add(context.sourceName() + " " + artifact.id());
            log.add("post-processed");
        });
    }
}
