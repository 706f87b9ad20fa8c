package dev.kiln.core.pipeline.internal;

import dev.kiln.core.KilnException;
import dev.kiln.core.pipeline.ImageOutcome;
import dev.kiln.core.pipeline.ImageResult;
import dev.kiln.core.pipeline.PipelineHandle;
import dev.kiln.core.pipeline.PipelineResult;
import dev.kiln.core.run.BuildHandle;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.run.UpstreamImage;
import dev.kiln.core.run.internal.CancelOnInterrupt;
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
 * One run of a pipeline: each image waits for the images it starts from, then builds on a thread of its
 * own through {@link Kiln#start(ImageSpec, List)}; an image whose upstream did not succeed is skipped.
 */
public final class PipelineRun implements PipelineHandle {
    private final Kiln kiln;
    private final Map<String, BuildHandle> running = new LinkedHashMap<>();
    private final CompletableFuture<PipelineResult> result = new CompletableFuture<>();
    private boolean cancelled;

    private PipelineRun(Kiln kiln) {
        this.kiln = kiln;
    }

    /** Starts building {@code specs} in dependency order; {@code fingerprints} must cover every image. */
    public static PipelineRun start(Kiln kiln, Map<String, ImageSpec> specs, Map<String, Set<String>> dependencies,
            Map<String, String> fingerprints) {
        PipelineRun run = new PipelineRun(kiln);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(task ->
                new Thread(task, "kiln-pipeline-" + threads.incrementAndGet()));
        Map<String, CompletableFuture<ImageResult>> images = new LinkedHashMap<>();
        for (String name : fingerprints.keySet()) {
            List<CompletableFuture<ImageResult>> upstream = dependencies.get(name).stream().map(images::get).toList();
            images.put(name, CompletableFuture.allOf(upstream.toArray(CompletableFuture[]::new))
                    .thenApplyAsync(ignored -> run.buildImage(specs.get(name), fingerprints.get(name),
                            upstream.stream().map(CompletableFuture::join).toList()), pool));
        }
        CompletableFuture.allOf(images.values().toArray(CompletableFuture[]::new)).whenComplete((ignored, e) -> {
            pool.shutdown();
            if (e != null) {
                run.result.completeExceptionally(e);
                return;
            }
            List<ImageResult> ordered = new ArrayList<>();
            specs.keySet().forEach(name -> ordered.add(images.get(name).join()));
            run.result.complete(new PipelineResult(ordered));
        });
        return run;
    }

    private ImageResult buildImage(ImageSpec spec, String fingerprint, List<ImageResult> upstream) {
        Optional<ImageResult> blocker = upstream.stream().filter(u -> !u.outcome().succeeded()).findFirst();
        if (blocker.isPresent()) {
            return notBuilt(spec, fingerprint, ImageOutcome.SKIPPED, "image '" + spec.name() + "' starts from '"
                    + blocker.get().name() + "', which ended " + blocker.get().outcome());
        }
        BuildHandle handle;
        synchronized (this) {
            if (cancelled) {
                return notBuilt(spec, fingerprint, ImageOutcome.CANCELLED, "the pipeline was cancelled");
            }
            handle = kiln.start(spec, upstream.stream().map(PipelineRun::asUpstream).toList());
            running.put(spec.name(), handle);
        }
        BuildResult build = CancelOnInterrupt.await(handle::await, handle::cancel);
        return new ImageResult(spec.name(), build.fingerprint(), ImageOutcome.of(build), Optional.of(build),
                Optional.empty());
    }

    private static UpstreamImage asUpstream(ImageResult image) {
        BuildResult build = image.build().orElseThrow();
        return new UpstreamImage(image.name(), image.fingerprint(), build.artifacts());
    }

    private static ImageResult notBuilt(ImageSpec spec, String fingerprint, ImageOutcome outcome, String why) {
        return new ImageResult(spec.name(), fingerprint, outcome, Optional.empty(), Optional.of(new KilnException(why)));
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
            throw new IllegalStateException("the pipeline runner failed", e.getCause());
        }
    }
}
