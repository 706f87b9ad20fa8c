package dev.kiln.core.run.internal;

import dev.kiln.core.KilnException;
import dev.kiln.core.builder.Builder;
import dev.kiln.core.run.BuildEvent.BuildFinished;
import dev.kiln.core.run.BuildEvent.BuildStarted;
import dev.kiln.core.run.BuildHandle;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.SourceResult;
import dev.kiln.core.run.UpstreamImage;
import dev.kiln.core.spec.ImageSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a spec: every source on a pool of at most {@code parallelism} threads of its own, and the
 * {@link BuildHandle} to wait for or cancel it.
 *
 * <pre>{@code
 * BuildRun run = BuildRun.start(settings, spec, 4);
 * BuildResult result = run.await();
 * }</pre>
 */
public final class BuildRun implements BuildHandle {
    private static final Logger LOG = LoggerFactory.getLogger(BuildRun.class);

    private final RunSettings settings;
    private final ImageReadiness readiness;
    private final List<SourceRun> sources = new ArrayList<>();
    private final CompletableFuture<BuildResult> result = new CompletableFuture<>();

    private BuildRun(RunSettings settings, ImageSpec spec) {
        this.settings = settings;
        this.readiness = new ImageReadiness(settings, spec.sources().stream().map(Builder::name).toList());
    }

    /** Starts building every source of {@code spec}, at most {@code parallelism} at a time. */
    public static BuildRun start(RunSettings settings, ImageSpec spec, int parallelism) {
        BuildRun run = new BuildRun(settings, spec);
        spec.sources().forEach(source -> run.sources.add(new SourceRun(settings, spec, source, run.readiness)));
        settings.listener().on(new BuildStarted(settings.now(), spec.name(), settings.sessionId(),
                spec.sources().stream().map(Builder::name).toList()));
        LOG.debug("Starting {} sources of {} with parallelism {}", spec.sources().size(), spec.name(), parallelism);
        run.launch(Math.min(parallelism, spec.sources().size()));
        return run;
    }

    private void launch(int threads) {
        ExecutorService pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threadFactory());
        Instant start = settings.clock().instant();
        List<CompletableFuture<SourceResult>> results = new ArrayList<>();
        for (SourceRun source : sources) {
            results.add(CompletableFuture.supplyAsync(source::call, pool));
        }
        pool.shutdown();
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            readiness.never();
            try {
                List<SourceResult> done = new ArrayList<>();
                results.forEach(r -> done.add(r.join()));
                BuildResult build = new BuildResult(settings.imageName(), settings.sessionId(), settings.fingerprint(), done,
                        Duration.between(start, settings.clock().instant()));
                settings.listener().on(new BuildFinished(settings.now(), build));
                result.complete(build);
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
    }

    private ThreadFactory threadFactory() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "kiln-" + settings.imageName() + "-" + count.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
    }

    @Override
    public void cancel() {
        if (settings.cancellation().cancel()) {
            LOG.debug("Cancelling the build of {}", settings.imageName());
            sources.forEach(SourceRun::interrupt);
        }
    }

    @Override
    public BuildResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new KilnException("the build runner failed", e.getCause());
        }
    }

    @Override
    public Optional<BuildResult> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new KilnException("the build runner failed", e.getCause());
        }
    }

    @Override
    public Optional<UpstreamImage> awaitImage() throws InterruptedException {
        try {
            return readiness.image().get();
        } catch (ExecutionException e) {
            throw new KilnException("the build runner failed", e.getCause());
        }
    }

    @Override
    public CompletableFuture<BuildResult> toCompletableFuture() {
        return CancellingView.of(result, this::cancel);
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public String toString() {
        return "BuildRun{image=" + settings.imageName() + ", session=" + settings.sessionId() + ", done="
                + isDone() + "}";
    }
}
