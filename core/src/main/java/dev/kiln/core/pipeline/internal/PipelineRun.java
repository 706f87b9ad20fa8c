package dev.kiln.core.pipeline.internal;

import dev.kiln.core.KilnException;
import dev.kiln.core.pipeline.ImageOutcome;
import dev.kiln.core.pipeline.ImageResult;
import dev.kiln.core.pipeline.PipelineHandle;
import dev.kiln.core.pipeline.PipelineResult;
import dev.kiln.core.run.BuildCancelledException;
import dev.kiln.core.run.BuildHandle;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.run.UpstreamImage;
import dev.kiln.core.run.internal.CancelOnInterrupt;
import dev.kiln.core.run.internal.CancellingView;
import dev.kiln.core.spec.ImageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of a pipeline: each image waits until the images it starts from are usable
 * ({@link BuildHandle#awaitImage()}), then builds on a thread of its own through
 * {@link Kiln#start(ImageSpec, List)}, while those images may still be cleaning up. An image whose upstream
 * never became usable is skipped. The result waits for every image's whole build.
 */
public final class PipelineRun implements PipelineHandle {
    private final Kiln kiln;
    private final Map<String, BuildHandle> running = new LinkedHashMap<>();
    private final CompletableFuture<PipelineResult> result = new CompletableFuture<>();
    private boolean cancelled;

    /**
     * One image's progress: {@code usable} completes once others can start from it (empty when they never
     * can), {@code done} once its build has ended, cleanups and post-processors included.
     */
    private record Stage(ImageSpec spec, String fingerprint, CompletableFuture<Optional<UpstreamImage>> usable,
            CompletableFuture<ImageResult> done) {
        Stage(ImageSpec spec, String fingerprint) {
            this(spec, fingerprint, new CompletableFuture<>(), new CompletableFuture<>());
        }

        void end(ImageResult image) {
            usable.complete(Optional.empty());
            done.complete(image);
        }
    }

    private PipelineRun(Kiln kiln) {
        this.kiln = kiln;
    }

    /** Starts building {@code specs} in dependency order; {@code fingerprints} covers every image, in build order. */
    public static PipelineRun start(Kiln kiln, Map<String, ImageSpec> specs, Map<String, Set<String>> dependencies,
            Map<String, String> fingerprints) {
        PipelineRun run = new PipelineRun(kiln);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(task ->
                new Thread(task, "kiln-pipeline-" + threads.incrementAndGet()));
        Map<String, Stage> stages = new LinkedHashMap<>();
        for (String name : fingerprints.keySet()) {
            List<Stage> upstream = dependencies.get(name).stream().map(stages::get).toList();
            Stage stage = new Stage(specs.get(name), fingerprints.get(name));
            stages.put(name, stage);
            CompletableFuture.allOf(upstream.stream().map(Stage::usable).toArray(CompletableFuture[]::new))
                    .thenRunAsync(() -> run.buildImage(stage, upstream), pool)
                    .whenComplete((ignored, e) -> {
                        if (e != null) {
                            stage.usable.complete(Optional.empty());
                            stage.done.completeExceptionally(e);
                        }
                    });
        }
        CompletableFuture.allOf(stages.values().stream().map(Stage::done).toArray(CompletableFuture[]::new))
                .whenComplete((ignored, e) -> {
                    pool.shutdown();
                    if (e != null) {
                        run.result.completeExceptionally(e);
                        return;
                    }
                    List<ImageResult> ordered = new ArrayList<>();
                    specs.keySet().forEach(name -> ordered.add(stages.get(name).done.join()));
                    run.result.complete(new PipelineResult(ordered));
                });
        return run;
    }

    private void buildImage(Stage stage, List<Stage> upstream) {
        List<UpstreamImage> from = new ArrayList<>();
        for (Stage up : upstream) {
            Optional<UpstreamImage> image = up.usable.join();
            if (image.isEmpty()) {
                ImageResult blocker = up.done.join();
                stage.end(notBuilt(stage, ImageOutcome.SKIPPED, new KilnException("image '" + stage.spec.name()
                        + "' starts from '" + blocker.name() + "', which ended " + blocker.outcome())));
                return;
            }
            from.add(image.get());
        }
        BuildHandle handle;
        synchronized (this) {
            if (cancelled) {
                stage.end(notBuilt(stage, ImageOutcome.CANCELLED, new BuildCancelledException("image '"
                        + stage.spec.name() + "' was not built: the pipeline was cancelled")));
                return;
            }
            handle = kiln.start(stage.spec, from);
            running.put(stage.spec.name(), handle);
        }
        stage.usable.complete(CancelOnInterrupt.await(handle::awaitImage, handle::cancel));
        BuildResult build = CancelOnInterrupt.await(handle::await, handle::cancel);
        stage.end(new ImageResult(stage.spec.name(), build.fingerprint(), ImageOutcome.of(build), Optional.of(build),
                Optional.empty()));
    }

    private static ImageResult notBuilt(Stage stage, ImageOutcome outcome, KilnException why) {
        return new ImageResult(stage.spec.name(), stage.fingerprint, outcome, Optional.empty(), Optional.of(why));
    }

    @Override
    public void cancel() {
        synchronized (this) {
            cancelled = true;
            running.values().forEach(BuildHandle::cancel);
        }
    }

    @Override
    public PipelineResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new KilnException("the pipeline runner failed", e.getCause());
        }
    }

    @Override
    public CompletableFuture<PipelineResult> toCompletableFuture() {
        return CancellingView.of(result, this::cancel);
    }
}
