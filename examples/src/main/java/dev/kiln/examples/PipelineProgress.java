package dev.kiln.examples;

import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.StepTiming;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Console lines Packer doesn't print, next to {@link dev.kiln.core.run.ConsoleListener}'s: a header when an
 * image's build starts, and a progress line while a step runs longer than the interval, so a long wait (an
 * instance booting, an AMI becoming available) is never silent. Close it to stop its timer thread.
 *
 * <pre>{@code
 * try (PipelineProgress progress = new PipelineProgress(System.out, Duration.ofSeconds(10))) {
 *     Kiln kiln = Kiln.builder().listener(new ConsoleListener(System.out)).listener(progress).build();
 *     pipeline.run(kiln);
 * }
 * }</pre>
 */
public final class PipelineProgress extends BuildListener implements AutoCloseable {
    private final PrintStream out;
    private final Duration interval;
    /** Per source, its steps now running, innermost first (a step may run steps of its own). */
    private final Map<String, Deque<Running>> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kiln-progress");
        thread.setDaemon(true);
        return thread;
    });

    private record Running(String step, long startNanos) {
    }

    /** Prints to {@code out}, a progress line every {@code interval} of a step that is still running. */
    public PipelineProgress(PrintStream out, Duration interval) {
        this.out = Objects.requireNonNull(out, "out");
        this.interval = Objects.requireNonNull(interval, "interval");
        timer.scheduleAtFixedRate(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void buildStarted(String imageName, String sessionId, List<String> sources) {
        print("\n==> Image '" + imageName + "': looking for an AMI with the same fingerprint, else building it");
    }

    @Override
    public void stepStarted(String source, String step) {
        Deque<Running> steps = running.computeIfAbsent(source, s -> new ConcurrentLinkedDeque<>());
        steps.push(new Running(step, System.nanoTime()));
    }

    @Override
    public void stepFinished(String source, StepTiming timing, Throwable error) {
        Deque<Running> steps = running.get(source);
        if (steps != null) {
            steps.poll();
        }
    }

    private void tick() {
        long now = System.nanoTime();
        running.forEach((source, steps) -> {
            Running step = steps.peek();
            if (step == null) {
                return;
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(now - step.startNanos());
            if (seconds >= interval.toSeconds()) {
                print("    " + source + ": ... still in '" + step.step() + "' after " + seconds + " s");
            }
        });
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** Stops the timer thread. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
