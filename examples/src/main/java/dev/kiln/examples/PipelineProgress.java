package dev.kiln.examples;

import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Deque;
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
public final class PipelineProgress implements BuildListener, AutoCloseable {
    private final PrintStream out;
    private final Duration interval;
    /** Per source of each image, its steps now running, innermost first (a step may run steps of its own). */
    private final Map<SourceKey, Deque<Running>> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kiln-progress");
        thread.setDaemon(true);
        return thread;
    });

    private record Running(String step, long startNanos) {
    }

    /** Images of a pipeline often share a source name ({@code amazon-ebs}) and overlap in time. */
    private record SourceKey(String image, String source) {
    }

    /** Prints to {@code out}, a progress line every {@code interval} of a step that is still running. */
    public PipelineProgress(PrintStream out, Duration interval) {
        this.out = Objects.requireNonNull(out, "out");
        this.interval = Objects.requireNonNull(interval, "interval");
        timer.scheduleAtFixedRate(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void on(BuildEvent event) {
        if (event instanceof BuildEvent.BuildStarted b) {
            print("\n==> Image '" + b.image() + "': looking for artifacts with the same fingerprint, else building them");
        } else if (event instanceof BuildEvent.StepStarted s) {
            running.computeIfAbsent(new SourceKey(s.image(), s.source()), k -> new ConcurrentLinkedDeque<>())
                    .push(new Running(s.step(), System.nanoTime()));
        } else if (event instanceof BuildEvent.StepFinished s) {
            Deque<Running> steps = running.get(new SourceKey(s.image(), s.source()));
            if (steps != null) {
                steps.poll();
            }
        }
    }

    private void tick() {
        long now = System.nanoTime();
        running.forEach((key, steps) -> {
            Running step = steps.peek();
            if (step == null) {
                return;
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(now - step.startNanos());
            if (seconds >= interval.toSeconds()) {
                print("    " + key.source() + ": ... still in '" + step.step() + "' after " + seconds + " s");
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
