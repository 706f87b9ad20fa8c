package dev.kiln.core.run.internal;

import dev.kiln.core.Secret;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.builder.Builder;
import dev.kiln.core.builder.Cleanup;
import dev.kiln.core.builder.StepBody;
import dev.kiln.core.builder.Undo;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.run.BuildCancelledException;
import dev.kiln.core.run.BuildEvent.Detail;
import dev.kiln.core.run.BuildEvent.Message;
import dev.kiln.core.run.BuildEvent.Warning;
import dev.kiln.core.run.BuildEvent.OutputLine;
import dev.kiln.core.run.BuildEvent.StepFinished;
import dev.kiln.core.run.BuildEvent.StepStarted;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.StepOutcome;
import dev.kiln.core.run.StepTiming;
import dev.kiln.core.run.UpstreamImage;
import dev.kiln.core.spec.Variables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runner's {@link BuildContext} for one source: sends messages and output to the listeners, records
 * each step's timing, keeps the source's cleanup stack, and turns a cancel into an
 * {@link InterruptedException} at the next check, or a {@link BuildCancelledException} naming the step at the
 * next step or out of the running one (except while cleanups run).
 *
 * <pre>{@code
 * SourceContext context = new SourceContext(run, builder);
 * Machine machine = context.step("launch", () -> builder.launch(context));
 * }</pre>
 */
public final class SourceContext implements BuildContext {
    private final RunSettings run;
    private final Builder builder;
    private final CleanupStack cleanups = new CleanupStack();
    private final List<StepTiming> steps = new ArrayList<>();
    private volatile boolean cleaningUp;

    /** A context for building {@code builder} as part of {@code run}. */
    public SourceContext(RunSettings run, Builder builder) {
        this.run = run;
        this.builder = builder;
    }

    @Override
    public String sessionId() {
        return run.sessionId();
    }

    @Override
    public String imageName() {
        return run.imageName();
    }

    @Override
    public String sourceName() {
        return builder.name();
    }

    @Override
    public String builderType() {
        return builder.type();
    }

    @Override
    public String fingerprint() {
        return run.fingerprint();
    }

    @Override
    public Optional<Artifact> upstream(String imageName) {
        UpstreamImage image = run.upstream().get(imageName);
        return image == null ? Optional.empty() : image.artifactFor(sourceName());
    }

    @Override
    public Variables variables() {
        return run.variables();
    }

    @Override
    public void say(String message) {
        run.listener().on(new Message(run.now(), imageName(), sourceName(), message));
    }

    @Override
    public void warn(String message) {
        run.listener().on(new Warning(run.now(), imageName(), sourceName(), message));
    }

    @Override
    public void detail(String message) {
        run.listener().on(new Detail(run.now(), imageName(), sourceName(), message));
    }

    @Override
    public OutputSink output() {
        BuildListener listener = run.listener();
        String source = sourceName();
        return (stream, line) -> listener.on(new OutputLine(run.now(), imageName(), source, stream, line));
    }

    @Override
    public <T> T step(String name, StepBody<T> body) throws Exception {
        try {
            checkCancelled();
        } catch (InterruptedException e) {
            throw Cancellation.asCancel(e, sourceName(), name);
        }
        Clock clock = run.clock();
        run.listener().on(new StepStarted(run.now(), imageName(), sourceName(), name));
        Instant start = clock.instant();
        try {
            T result = body.run();
            finish(name, start, StepOutcome.SUCCEEDED, null);
            return result;
        } catch (Exception e) {
            if (run.cancellation().isCancelled() || Cancellation.isInterruption(e)) {
                BuildCancelledException cancelled = Cancellation.asCancel(e, sourceName(), name);
                finish(name, start, StepOutcome.CANCELLED, cancelled);
                throw cancelled;
            }
            finish(name, start, StepOutcome.FAILED, e);
            throw e;
        } catch (Error e) {
            finish(name, start, run.cancellation().isCancelled() ? StepOutcome.CANCELLED : StepOutcome.FAILED, e);
            throw e;
        }
    }

    private void finish(String name, Instant start, StepOutcome outcome, Throwable error) {
        StepTiming timing = new StepTiming(run.redactor().mask(name), start,
                Duration.between(start, run.clock().instant()), outcome);
        synchronized (steps) {
            steps.add(timing);
        }
        run.listener().on(new StepFinished(run.now(), imageName(), sourceName(), timing, Optional.ofNullable(error)));
    }

    @Override
    public Cleanup onCleanup(String description, Undo undo) {
        return cleanups.push(description, undo, false);
    }

    @Override
    public Cleanup onFailure(String description, Undo undo) {
        return cleanups.push(description, undo, true);
    }

    @Override
    public void redact(Secret secret) {
        run.redactor().add(secret);
    }

    @Override
    public void checkCancelled() throws InterruptedException {
        if (cleaningUp) {
            return;
        }
        if (Thread.interrupted() || run.cancellation().isCancelled()) {
            throw new InterruptedException("The build of " + sourceName() + " was cancelled");
        }
    }

    /** The undos registered so far. */
    CleanupStack cleanups() {
        return cleanups;
    }

    /** Stops treating a cancel as a reason to stop: cleanups must run to the end. */
    void startCleanup() {
        cleaningUp = true;
    }

    /** Treats a cancel as a reason to stop again, after the cleanups ran. */
    void endCleanup() {
        cleaningUp = false;
    }

    /** Every step recorded, in the order they finished. */
    List<StepTiming> steps() {
        synchronized (steps) {
            return List.copyOf(steps);
        }
    }

    @Override
    public String toString() {
        return "SourceContext{source=" + sourceName() + ", session=" + sessionId() + "}";
    }
}
