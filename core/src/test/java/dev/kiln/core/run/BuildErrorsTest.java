package dev.kiln.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import dev.kiln.core.KilnException;
import dev.kiln.core.Secret;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.fake.FakeBuilder;
import dev.kiln.core.fake.ScriptedProvisioner;
import dev.kiln.core.provision.ProvisionerException;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.spec.ImageSpec;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The errors a build hands over, checked for their class and message, and the ways to have them thrown. */
class BuildErrorsTest {
    private final List<String> log = FakeBuilder.newLog();
    private final CountDownLatch entered = new CountDownLatch(1);

    private static ImageSpec.SpecBuilder spec(FakeBuilder... sources) {
        ImageSpec.SpecBuilder spec = ImageSpec.builder("image").provision(Provisioners.shell().inline("make"));
        for (FakeBuilder source : sources) {
            spec.source(source);
        }
        return spec;
    }

    /** A source whose provisioner's command blocks until it is interrupted. */
    private FakeBuilder blockingInItsProvisioner(String name) {
        FakeBuilder source = FakeBuilder.named(name, log);
        source.communicator().behave((command, output) -> {
            if (command.line().startsWith("rm ")) {
                return CommandResult.exited(0);
            }
            entered.countDown();
            new CountDownLatch(1).await();
            return CommandResult.exited(0);
        });
        return source;
    }

    private BuildResult cancelOnceEntered(BuildHandle handle) throws InterruptedException {
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the build reached the point to cancel at").isTrue();
        handle.cancel();
        return handle.await();
    }

    @Test
    void aCancelDuringAProvisionerIsABuildCancelledExceptionNamingTheStep() throws Exception {
        BuildHandle handle = Kiln.create().start(spec(blockingInItsProvisioner("web")).build());

        SourceResult web = cancelOnceEntered(handle).source("web").orElseThrow();

        assertThat(web.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(web.error()).get(throwable(BuildCancelledException.class))
                .hasMessage("Build 'web' was cancelled at step 'provisioner 1: shell'")
                .hasCauseExactlyInstanceOf(InterruptedException.class)
                .satisfies(e -> {
                    assertThat(e.sourceName()).contains("web");
                    assertThat(e.step()).contains("provisioner 1: shell");
                });
    }

    @Test
    void aCancelDuringABuildersStepNamesThatStep() throws Exception {
        FakeBuilder web = FakeBuilder.named("web", log).onLaunch(context -> {
            entered.countDown();
            new CountDownLatch(1).await();
        });
        BuildHandle handle = Kiln.create().start(spec(web).build());

        SourceResult result = cancelOnceEntered(handle).source("web").orElseThrow();

        assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.error()).get(throwable(BuildCancelledException.class))
                .hasMessage("Build 'web' was cancelled at step 'launch'")
                .satisfies(e -> assertThat(e.step()).contains("launch"));
    }

    @Test
    void aSourceCancelledBeforeItStartedHasTheSameTypeWithNoStep() throws Exception {
        BuildHandle handle = Kiln.builder().parallelism(1).build()
                .start(spec(blockingInItsProvisioner("web"), FakeBuilder.named("db", log)).build());

        SourceResult db = cancelOnceEntered(handle).source("db").orElseThrow();

        assertThat(db.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(db.error()).get(throwable(BuildCancelledException.class))
                .hasMessage("Build 'db' was cancelled")
                .satisfies(e -> assertThat(e.step()).isEmpty());
        assertThat(log).doesNotContain("db: launch");
    }

    @Test
    void aFailedScriptIsAProvisionerExceptionWithItsExitStatusAndMaskedOutputTail() {
        FakeBuilder web = FakeBuilder.named("web", log);
        web.communicator().behave((command, output) -> {
            output.line(OutputStreamKind.STDOUT, "compiling with token tok-9f8e7d");
            output.line(OutputStreamKind.STDERR, "error: no space left on device");
            return CommandResult.exited(command.line().startsWith("rm ") ? 0 : 2);
        });
        ImageSpec spec = ImageSpec.builder("image").source(web)
                .provision(Provisioners.shell().inline("make").env("TOKEN", Secret.of("tok-9f8e7d")))
                .build();

        SourceResult result = Kiln.create().build(spec).source("web").orElseThrow();

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).get(throwable(ProvisionerException.class))
                .hasMessage("Script exited with non-zero exit status: 2. Allowed exit codes are: [0]\n"
                        + "Script: inline script\nLast 2 lines of output:\n"
                        + "    compiling with token <sensitive>\n    error: no space left on device")
                .satisfies(e -> {
                    assertThat(e.exitStatus()).hasValue(2);
                    assertThat(e.outputTail()).containsExactly("compiling with token <sensitive>",
                            "error: no space left on device");
                });
    }

    @Test
    void orElseThrowReturnsASuccessfulResultAndThrowsTheFirstFailureAsItIs() {
        BuildResult built = Kiln.create().build(spec(FakeBuilder.named("web", log)).build());
        assertThat(built.orElseThrow()).isSameAs(built);

        FakeBuilder db = FakeBuilder.named("db", log);
        db.communicator().behave((command, output) -> CommandResult.exited(command.line().startsWith("rm ") ? 0 : 1));
        BuildResult failed = Kiln.create().build(spec(FakeBuilder.named("web", log), db).build());

        Throwable error = failed.source("db").orElseThrow().error().orElseThrow();
        assertThatThrownBy(failed::orElseThrow).isSameAs(error).isInstanceOf(ProvisionerException.class);
        assertThatThrownBy(() -> failed.source("db").orElseThrow().orElseThrow()).isSameAs(error);
        assertThat(failed.source("web").orElseThrow().orElseThrow().artifact()).isPresent();
    }

    @Test
    void orElseThrowWrapsACheckedExceptionInAKilnException() {
        IOException diskFull = new IOException("disk full");
        ImageSpec spec = spec(FakeBuilder.named("web", log))
                .provision(new ScriptedProvisioner((context, attempt) -> {
                    throw diskFull;
                }))
                .build();

        BuildResult result = Kiln.create().build(spec);

        assertThatThrownBy(result::orElseThrow).isExactlyInstanceOf(KilnException.class)
                .hasMessage("Build 'web' failed: java.io.IOException: disk full").hasCause(diskFull);
    }

    @Test
    void theCompletableFutureCompletesWithTheResult() throws Exception {
        BuildHandle handle = Kiln.create().start(spec(FakeBuilder.named("web", log)).build());

        BuildResult result = handle.toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(result).isSameAs(handle.await());
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void cancellingTheCompletableFutureCancelsTheBuildWhichStillCleansUp() throws Exception {
        BuildHandle handle = Kiln.create().start(spec(blockingInItsProvisioner("web")).build());
        CompletableFuture<BuildResult> future = handle.toCompletableFuture();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(future.cancel(true)).isTrue();
        BuildResult result = handle.await();

        assertThat(future).isCancelled();
        assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
        assertThat(result.source("web").orElseThrow().error()).get().isInstanceOf(BuildCancelledException.class);
        assertThat(log).contains("web: undo instance", "web: undo key pair");
        assertThat(handle.toCompletableFuture().get(30, TimeUnit.SECONDS)).as("a new view has the result")
                .isSameAs(result);
    }
}
