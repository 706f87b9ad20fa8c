package dev.kiln.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.fake.FakePostProcessor;
import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.CleanupFailure;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.run.Outcome;
import dev.kiln.core.run.SourceResult;
import dev.kiln.core.spec.ImageSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A downstream image starts as soon as its upstream's artifact exists, while the upstream still cleans up; the
 * pipeline's result still waits for every cleanup. Ordering is proved with latches and an event log: an
 * upstream cleanup blocks until the downstream has launched, which can only happen if the downstream did not
 * wait for it.
 */
class UsableBeforeCleanupTest {
    private static final long PATIENCE_SECONDS = 30;

    private final StoreBuilder.Store store = new StoreBuilder.Store();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch appLaunched = new CountDownLatch(1);
    private final CountDownLatch appFinished = new CountDownLatch(1);
    private final CountDownLatch releaseBaseCleanup = new CountDownLatch(1);
    private final Kiln kiln = Kiln.builder().listener(event -> {
        if (event instanceof BuildEvent.BuildFinished finished) {
            events.add(finished.image() + " finished");
            if (finished.image().equals("app")) {
                appFinished.countDown();
            }
        }
    }).build();

    /** A base whose cleanup starts, waits until the app has launched and the test lets it go, then ends. */
    private StoreBuilder.Hook baseCleanup(String ending) {
        return () -> {
            events.add("base cleanup started");
            await(appLaunched, "the app to launch while the base cleans up");
            await(releaseBaseCleanup, "the test to release the base's cleanup");
            events.add("base cleanup " + ending);
            if (ending.equals("failed")) {
                throw new IllegalStateException("DependencyViolation: group in use");
            }
        };
    }

    private ImageSpec base(StoreBuilder.Hook cleanup) {
        return ImageSpec.builder("base").source(StoreBuilder.base(store, "base-src", "v1").onCleanup(cleanup))
                .postProcess(new FakePostProcessor("recording", (context, artifact) -> events.add("base post-processed")))
                .build();
    }

    private ImageSpec app() {
        return ImageSpec.builder("app").source(StoreBuilder.from(store, "app-src", "v1", "base").onLaunch(() -> {
            events.add("app launched");
            appLaunched.countDown();
        })).build();
    }

    @Test
    void theAppLaunchesWhileTheBaseCleansUpAndTheResultWaitsForThatCleanup() throws Exception {
        PipelineHandle handle = ImagePipeline.builder().image(base(baseCleanup("finished"))).image(app()).build()
                .start(kiln);
        CompletableFuture<PipelineResult> done = awaitInBackground(handle);

        await(appFinished, "the app's build to finish");
        assertThat(done).as("the pipeline's result while the base still cleans up").isNotDone();
        releaseBaseCleanup.countDown();
        PipelineResult result = done.get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        assertThat(result.images()).extracting(ImageResult::outcome)
                .containsExactly(ImageOutcome.BUILT, ImageOutcome.BUILT);
        assertThat(store.launches).containsExactly("base-src from scratch",
                "app-src from " + result.artifact("base").orElseThrow().id());
        assertThat(events).containsSubsequence("app launched", "app finished", "base cleanup finished",
                "base post-processed", "base finished");
        assertThat(events).containsSubsequence("base cleanup started", "base cleanup finished");
    }

    @Test
    void aFailingBaseCleanupFailsTheBaseAndThePipelineWhileTheAppBuiltFromItStands() throws Exception {
        releaseBaseCleanup.countDown();

        PipelineResult result = ImagePipeline.builder().image(base(baseCleanup("failed"))).image(app()).build()
                .run(kiln);

        assertThat(result.succeeded()).isFalse();
        ImageResult base = result.image("base").orElseThrow();
        assertThat(base.outcome()).isEqualTo(ImageOutcome.FAILED);
        SourceResult baseSource = base.build().orElseThrow().sources().get(0);
        assertThat(baseSource.outcome()).isEqualTo(Outcome.BUILT);
        assertThat(baseSource.cleanupFailures()).extracting(CleanupFailure::description)
                .containsExactly("terminate i-base-src");
        ImageResult app = result.image("app").orElseThrow();
        assertThat(app.outcome()).isEqualTo(ImageOutcome.BUILT);
        assertThat(store.launches).containsExactly("base-src from scratch",
                "app-src from " + base.artifact().orElseThrow().id());
        assertThat(events).containsSubsequence("app launched", "base cleanup failed", "base post-processed");
    }

    @Test
    void cancelLetsTheBaseFinishItsCleanupSkipsItsPostProcessorAndStopsTheApp() throws Exception {
        PipelineResult result = cancelWhileTheBaseCleansUpAndTheAppBuilds(base(baseCleanup("finished")));

        assertThat(result.images()).extracting(ImageResult::outcome)
                .containsExactly(ImageOutcome.CANCELLED, ImageOutcome.CANCELLED);
        SourceResult base = result.image("base").orElseThrow().build().orElseThrow().sources().get(0);
        assertThat(base.artifact()).as("the base's artifact exists and is reported").isPresent();
        assertThat(base.cleanupFailures()).isEmpty();
        assertThat(events).contains("base cleanup finished", "app cleanup").doesNotContain("base post-processed");
    }

    @Test
    void aBaseWithNothingLeftToSkipWhenCancelledDuringItsCleanupEndsBuilt() throws Exception {
        ImageSpec base = ImageSpec.builder("base")
                .source(StoreBuilder.base(store, "base-src", "v1").onCleanup(baseCleanup("finished"))).build();

        PipelineResult result = cancelWhileTheBaseCleansUpAndTheAppBuilds(base);

        assertThat(result.images()).extracting(ImageResult::outcome)
                .containsExactly(ImageOutcome.BUILT, ImageOutcome.CANCELLED);
        assertThat(events).contains("base cleanup finished", "app cleanup");
    }

    /** Cancels once the app has launched, then lets the base's cleanup end; the app blocks until interrupted. */
    private PipelineResult cancelWhileTheBaseCleansUpAndTheAppBuilds(ImageSpec base) throws Exception {
        ImageSpec app = ImageSpec.builder("app").source(StoreBuilder.from(store, "app-src", "v1", "base")
                .onLaunch(() -> {
                    events.add("app launched");
                    appLaunched.countDown();
                    new CountDownLatch(1).await();
                })
                .onCleanup(() -> events.add("app cleanup"))).build();
        PipelineHandle handle = ImagePipeline.builder().image(base).image(app).build().start(kiln);

        await(appLaunched, "the app to launch");
        handle.cancel();
        releaseBaseCleanup.countDown();
        return handle.await();
    }

    @Test
    void anImageWithTwoSourcesIsUsableOnlyOnceBothHaveTheirArtifacts() {
        CountDownLatch oneCleanedUp = new CountDownLatch(1);
        ImageSpec base = ImageSpec.builder("base")
                .source(StoreBuilder.base(store, "one", "v1").onCleanup(() -> {
                    events.add("one cleaned up");
                    oneCleanedUp.countDown();
                }))
                .source(StoreBuilder.base(store, "two", "v1").onCapture(() -> {
                    await(oneCleanedUp, "the first source to capture and clean up");
                    events.add("two captured");
                }))
                .build();
        ImageSpec app = ImageSpec.builder("app").source(StoreBuilder.from(store, "two", "v1", "base")
                .onLaunch(() -> events.add("app launched"))).build();

        PipelineResult result = ImagePipeline.builder().image(base).image(app).build().run(kiln);

        assertThat(result.succeeded()).isTrue();
        assertThat(events).containsSubsequence("one cleaned up", "two captured", "app launched");
        String twoImage = result.image("base").orElseThrow().build().orElseThrow().artifact("two").orElseThrow().id();
        assertThat(store.launches).endsWith("two from " + twoImage);
    }

    @Test
    void anImageOneOfWhoseSourcesFailsBeforeCapturingSkipsItsDownstream() {
        ImageSpec base = ImageSpec.builder("base")
                .source(StoreBuilder.base(store, "one", "v1"))
                .source(StoreBuilder.base(store, "two", "v1").onLaunch(() -> {
                    throw new IllegalStateException("InsufficientInstanceCapacity");
                }))
                .build();

        PipelineResult result = ImagePipeline.builder().image(base).image(app()).build().run(kiln);

        assertThat(result.images()).extracting(ImageResult::outcome)
                .containsExactly(ImageOutcome.FAILED, ImageOutcome.SKIPPED);
        assertThat(result.image("app").orElseThrow().error().orElseThrow())
                .hasMessageContaining("starts from 'base', which ended FAILED");
        assertThat(events).doesNotContain("app launched");
    }

    private static CompletableFuture<PipelineResult> awaitInBackground(PipelineHandle handle) {
        CompletableFuture<PipelineResult> done = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                done.complete(handle.await());
            } catch (InterruptedException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, "pipeline-waiter");
        waiter.setDaemon(true);
        waiter.start();
        return done;
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("waited " + PATIENCE_SECONDS + " s for " + what);
        }
    }
}
