package dev.kiln.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.KilnException;
import dev.kiln.core.run.BuildCancelledException;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ImagePipelineTest {
    private final StoreBuilder.Store store = new StoreBuilder.Store();
    private final Kiln kiln = Kiln.create();

    private ImagePipeline chain(String baseConfig, String appConfig) {
        return ImagePipeline.builder()
                .image(ImageSpec.builder("base").source(StoreBuilder.base(store, "base-src", baseConfig)).build())
                .image(ImageSpec.builder("app").source(StoreBuilder.from(store, "app-src", appConfig, "base")).build())
                .build();
    }

    /** The chain, with a base that counts {@code launched} down in its launch and then waits to be interrupted. */
    private ImagePipeline chainWhoseBaseBlocksInLaunch(CountDownLatch launched) {
        return ImagePipeline.builder()
                .image(ImageSpec.builder("base").source(StoreBuilder.base(store, "base-src", "v1").onLaunch(() -> {
                    launched.countDown();
                    new CountDownLatch(1).await();
                })))
                .image(ImageSpec.builder("app").source(StoreBuilder.from(store, "app-src", "v1", "base")))
                .build();
    }

    @Test
    void buildsTheBaseFirstAndStartsTheAppFromItsArtifact() {
        PipelineResult result = chain("v1", "v1").run(kiln);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.images()).extracting(ImageResult::outcome).containsExactly(ImageOutcome.BUILT, ImageOutcome.BUILT);
        String baseImage = result.artifact("base").orElseThrow().id();
        assertThat(store.launches).containsExactly("base-src from scratch", "app-src from " + baseImage);
        ImageResult app = result.image("app").orElseThrow();
        assertThat(store.imageFor(app.fingerprint(), "app-src")).isEqualTo(app.artifact().orElseThrow().id());
        assertThat(app.fingerprint()).isEqualTo(chain("v1", "v1").fingerprints().get("app"));
    }

    @Test
    void aSecondRunWithNothingChangedReusesBothAndLaunchesNothing() {
        PipelineResult first = chain("v1", "v1").run(kiln);
        store.launches.clear();

        PipelineResult second = chain("v1", "v1").run(kiln);

        assertThat(second.images()).extracting(ImageResult::outcome).containsExactly(ImageOutcome.REUSED, ImageOutcome.REUSED);
        assertThat(store.launches).isEmpty();
        assertThat(second.artifact("app").orElseThrow().id()).isEqualTo(first.artifact("app").orElseThrow().id());
    }

    @Test
    void aChangedBaseRebuildsTheAppAlthoughTheAppSpecIsUnchanged() {
        chain("v1", "v1").run(kiln);
        store.launches.clear();

        PipelineResult result = chain("v2", "v1").run(kiln);

        assertThat(result.images()).extracting(ImageResult::outcome).containsExactly(ImageOutcome.BUILT, ImageOutcome.BUILT);
        assertThat(store.launches).hasSize(2);
    }

    @Test
    void aChangedAppRebuildsOnlyTheApp() {
        chain("v1", "v1").run(kiln);
        store.launches.clear();

        PipelineResult result = chain("v1", "v2").run(kiln);

        assertThat(result.images()).extracting(ImageResult::outcome).containsExactly(ImageOutcome.REUSED, ImageOutcome.BUILT);
        assertThat(store.launches).containsExactly("app-src from " + result.artifact("base").orElseThrow().id());
    }

    @Test
    void fingerprintsChainThroughUpstreamImages() {
        assertThat(chain("v1", "v1").fingerprints().get("app"))
                .isNotEqualTo(chain("v2", "v1").fingerprints().get("app"))
                .isEqualTo(chain("v1", "v1").fingerprints().get("app"));
        assertThat(chain("v1", "v1").fingerprints().get("base")).isEqualTo(chain("v1", "v2").fingerprints().get("base"));
    }

    @Test
    void orElseThrowThrowsTheFailureOfTheImageThatFailedNotOfTheOneSkippedBecauseOfIt() {
        IllegalStateException boom = new IllegalStateException("InsufficientInstanceCapacity");
        ImagePipeline pipeline = ImagePipeline.builder()
                .image(ImageSpec.builder("app").source(StoreBuilder.from(store, "app-src", "v1", "base")))
                .image(ImageSpec.builder("base").source(StoreBuilder.base(store, "base-src", "v1").onLaunch(() -> {
                    throw boom;
                })))
                .build();

        PipelineResult result = pipeline.run(kiln);

        assertThat(result.images()).extracting(ImageResult::outcome)
                .containsExactly(ImageOutcome.SKIPPED, ImageOutcome.FAILED);
        assertThatThrownBy(result::orElseThrow).isSameAs(boom);
        assertThatThrownBy(() -> result.image("app").orElseThrow().orElseThrow())
                .isExactlyInstanceOf(KilnException.class)
                .hasMessage("image 'app' starts from 'base', which ended FAILED");
        assertThat(chain("v1", "v1").run(kiln).orElseThrow().artifact("app")).isPresent();
    }

    @Test
    void cancellingThePipelinesCompletableFutureCancelsItsBuilds() throws Exception {
        CountDownLatch launched = new CountDownLatch(1);
        PipelineHandle handle = chainWhoseBaseBlocksInLaunch(launched).start(kiln);
        CompletableFuture<PipelineResult> future = handle.toCompletableFuture();
        assertThat(launched.await(10, TimeUnit.SECONDS)).isTrue();

        future.cancel(false);
        PipelineResult result = handle.await();

        assertThat(future).isCancelled();
        assertThat(result.images()).extracting(ImageResult::outcome)
                .containsExactly(ImageOutcome.CANCELLED, ImageOutcome.SKIPPED);
        assertThatThrownBy(result::orElseThrow).isInstanceOf(BuildCancelledException.class)
                .hasMessage("Build 'base-src' was cancelled at step 'launch'");
        assertThat(handle.toCompletableFuture().get(30, TimeUnit.SECONDS)).isSameAs(result);
    }

    @Test
    void aFailedBaseSkipsTheAppWithoutLaunchingIt() {
        ImagePipeline pipeline = ImagePipeline.builder()
                .image(ImageSpec.builder("base").source(StoreBuilder.base(store, "base-src", "v1")
                        .onLaunch(() -> {
                            throw new IllegalStateException("boom");
                        })).build())
                .image(ImageSpec.builder("app").source(StoreBuilder.from(store, "app-src", "v1", "base")).build())
                .build();

        PipelineResult result = pipeline.run(kiln);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.image("base").orElseThrow().outcome()).isEqualTo(ImageOutcome.FAILED);
        ImageResult app = result.image("app").orElseThrow();
        assertThat(app.outcome()).isEqualTo(ImageOutcome.SKIPPED);
        assertThat(app.error().orElseThrow()).hasMessageContaining("starts from 'base', which ended FAILED");
        assertThat(store.launches).containsExactly("base-src from scratch");
    }

    @Test
    void validationReportsEveryProblemOfEveryImageBeforeAnythingRuns() {
        ImagePipeline pipeline = ImagePipeline.builder()
                .image(ImageSpec.builder("a").source(StoreBuilder.from(store, "a-src", "", "b")).build())
                .image(ImageSpec.builder("b").source(StoreBuilder.from(store, "b-src", "v1", "a")).build())
                .image(ImageSpec.builder("c").source(StoreBuilder.from(store, "c-src", "v1", "missing")).build())
                .build();

        assertThatThrownBy(() -> pipeline.run(kiln)).isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems()).extracting(Problem::field)
                        .containsExactlyInAnyOrder("images[c]", "images", "images[a].sources[a-src].config"))
                .hasMessageContaining("which is not in the pipeline")
                .hasMessageContaining("form a cycle: a -> b -> a");
        assertThat(store.launches).isEmpty();
    }

    @Test
    void independentImagesBuildAtTheSameTime() throws Exception {
        CountDownLatch bothLaunched = new CountDownLatch(2);
        StoreBuilder.Hook meetTheOther = () -> {
            bothLaunched.countDown();
            if (!bothLaunched.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other image never launched alongside this one");
            }
        };
        ImagePipeline pipeline = ImagePipeline.builder()
                .image(ImageSpec.builder("one").source(StoreBuilder.base(store, "one-src", "v1").onLaunch(meetTheOther)).build())
                .image(ImageSpec.builder("two").source(StoreBuilder.base(store, "two-src", "v1").onLaunch(meetTheOther)).build())
                .build();

        assertThat(pipeline.run(kiln).succeeded()).isTrue();
    }

    @Test
    void cancelStopsTheRunningImageAndStartsNoOther() throws Exception {
        CountDownLatch launched = new CountDownLatch(1);
        PipelineHandle handle = chainWhoseBaseBlocksInLaunch(launched).start(kiln);
        assertThat(launched.await(30, TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        PipelineResult result = handle.await();

        assertThat(result.image("base").orElseThrow().outcome()).isEqualTo(ImageOutcome.CANCELLED);
        assertThat(result.image("app").orElseThrow().outcome()).isEqualTo(ImageOutcome.SKIPPED);
        assertThat(store.launches).containsExactly("base-src from scratch");
    }

    @Test
    void aSpecThatStartsFromAnImageCannotBeBuiltAlone() {
        ImageSpec app = ImageSpec.builder("app").source(StoreBuilder.from(store, "app-src", "v1", "base")).build();

        assertThatThrownBy(() -> kiln.start(app)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("sources[app-src]: starts from image 'base', which was not built before it");
        assertThat(store.launches).isEmpty();
    }
}
