package dev.kiln.core.run.internal;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.Builder;
import dev.kiln.core.builder.Machine;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.post.PostProcessor;
import dev.kiln.core.provision.Provisioner;
import dev.kiln.core.run.BuildEvent.ArtifactProduced;
import dev.kiln.core.run.BuildEvent.CleanupFailed;
import dev.kiln.core.run.BuildEvent.CleanupStarted;
import dev.kiln.core.run.BuildEvent.ResourcesLeftBehind;
import dev.kiln.core.run.BuildEvent.SourceFailed;
import dev.kiln.core.run.BuildEvent.SourceFinished;
import dev.kiln.core.run.BuildEvent.SourceStarted;
import dev.kiln.core.run.CleanupFailure;
import dev.kiln.core.run.OnError;
import dev.kiln.core.run.Outcome;
import dev.kiln.core.run.SourceResult;
import dev.kiln.core.spec.ConfiguredProvisioner;
import dev.kiln.core.spec.ImageSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The build of one source: find an existing image or launch, provision, capture; then the cleanups, newest
 * first; then the post-processors. The artifact goes to the build's {@link ImageReadiness} before the cleanups
 * start, so builds that start from it need not wait for them. A cancel interrupts the thread only while the
 * work runs, never while cleanups run; a cancelled source's error is a {@code BuildCancelledException}.
 *
 * <pre>{@code
 * SourceRun web = new SourceRun(settings, spec, builder, readiness);
 * SourceResult result = web.call();
 * }</pre>
 */
public final class SourceRun {
    private final RunSettings run;
    private final ImageSpec spec;
    private final Builder builder;
    private final SourceContext context;
    private final ErrorRedactor errors;
    private final ImageReadiness readiness;
    private final Object lock = new Object();
    private Thread worker;
    private boolean interruptible;

    /** Prepares the build of {@code builder}, one source of {@code spec}; its artifact goes to {@code readiness}. */
    public SourceRun(RunSettings run, ImageSpec spec, Builder builder, ImageReadiness readiness) {
        this.run = run;
        this.readiness = readiness;
        this.spec = spec;
        this.builder = builder;
        this.context = new SourceContext(run, builder);
        this.errors = new ErrorRedactor(run.redactor());
    }

    /** Interrupts the work of this source, if it is running and not yet cleaning up. */
    public void interrupt() {
        synchronized (lock) {
            if (interruptible) {
                worker.interrupt();
            }
        }
    }

    /** Builds the source on the calling thread and returns how it ended. */
    public SourceResult call() {
        Instant start = run.clock().instant();
        String name = builder.name();
        run.listener().on(new SourceStarted(run.now(), run.imageName(), name));
        synchronized (lock) {
            worker = Thread.currentThread();
            interruptible = true;
        }
        Artifact artifact = null;
        Throwable error = null;
        boolean reused = false;
        try {
            context.checkCancelled();
            Optional<Artifact> existing = context.step("find existing image", () -> builder.findExisting(context));
            reused = existing.isPresent();
            if (reused) {
                context.say("Found an image with the same fingerprint: " + existing.get().id() + "; reusing it");
            }
            artifact = reused ? existing.get() : buildNew();
        } catch (Exception | Error e) {
            error = e;
        }
        boolean interrupted;
        synchronized (lock) {
            interruptible = false;
            interrupted = Thread.interrupted();
        }
        Outcome outcome = outcome(error, reused, interrupted);
        if (outcome.succeeded()) {
            readiness.ready(name, artifact);
        } else {
            readiness.never();
        }
        List<CleanupFailure> cleanupFailures = new ArrayList<>();
        List<Resource> leftBehind = new ArrayList<>();
        cleanUp(outcome, cleanupFailures, leftBehind);
        if (outcome.succeeded()) {
            run.listener().on(new ArtifactProduced(run.now(), run.imageName(), name, artifact));
            try {
                postProcess(artifact);
            } catch (Exception e) {
                error = e;
                outcome = Cancellation.isInterruption(e) ? Outcome.CANCELLED : Outcome.FAILED;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (outcome == Outcome.CANCELLED) {
            error = Cancellation.asCancel(error, name, null);
        }
        Throwable safeError = errors.redact(error);
        if (safeError != null) {
            run.listener().on(new SourceFailed(run.now(), run.imageName(), name, safeError));
        }
        SourceResult result = new SourceResult(name, outcome, Optional.ofNullable(artifact),
                Optional.ofNullable(safeError), context.steps(), cleanupFailures, leftBehind,
                Duration.between(start, run.clock().instant()));
        run.listener().on(new SourceFinished(run.now(), run.imageName(), result));
        return result;
    }

    private Outcome outcome(Throwable error, boolean reused, boolean interrupted) {
        if (error == null) {
            return reused ? Outcome.REUSED : Outcome.BUILT;
        }
        boolean cancelled = interrupted || run.cancellation().isCancelled() || Cancellation.isInterruption(error);
        return cancelled ? Outcome.CANCELLED : Outcome.FAILED;
    }

    private Artifact buildNew() throws Exception {
        Machine machine = context.step("launch", () -> builder.launch(context));
        try {
            List<ConfiguredProvisioner> provisioners = spec.provisioners();
            for (int i = 0; i < provisioners.size(); i++) {
                ConfiguredProvisioner p = provisioners.get(i);
                Provisioner guarded = p.options().applyTo(p.provisioner());
                context.step("provisioner " + (i + 1) + ": " + guarded.type(), () -> {
                    guarded.provision(context, machine.communicator());
                    return null;
                });
            }
        } catch (Exception e) {
            runErrorCleanup(machine, e);
            throw e;
        }
        return context.step("capture", () -> builder.capture(context, machine));
    }

    private void runErrorCleanup(Machine machine, Exception failure) {
        Optional<Provisioner> errorCleanup = spec.errorCleanup();
        if (errorCleanup.isEmpty() || run.cancellation().isCancelled() || Cancellation.isInterruption(failure)) {
            return;
        }
        context.say("Provisioning step had errors: running the error-cleanup provisioner...");
        try {
            context.step("error cleanup: " + errorCleanup.get().type(), () -> {
                errorCleanup.get().provision(context, machine.communicator());
                return null;
            });
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private void cleanUp(Outcome outcome, List<CleanupFailure> failures, List<Resource> leftBehind) {
        context.startCleanup();
        CleanupStack stack = context.cleanups();
        String name = builder.name();
        if (outcome == Outcome.FAILED && run.onError() == OnError.ABORT) {
            leftBehind.addAll(stack.allResources());
            context.say("On-error abort: skipping every cleanup; what the build made is left for debugging");
            if (!leftBehind.isEmpty()) {
                run.listener().on(new ResourcesLeftBehind(run.now(), run.imageName(), name, leftBehind));
            }
            return;
        }
        for (CleanupStack.Entry entry : stack.newestFirst()) {
            if (entry.onlyOnFailure() && outcome.succeeded()) {
                continue;
            }
            run.listener().on(new CleanupStarted(run.now(), run.imageName(), name, entry.description()));
            try {
                entry.undo().run();
            } catch (Exception e) {
                Throwable safe = errors.redact(e);
                failures.add(new CleanupFailure(run.redactor().mask(entry.description()), safe, entry.resources()));
                leftBehind.addAll(entry.resources());
                run.listener().on(new CleanupFailed(run.now(), run.imageName(), name, entry.description(), safe));
            }
        }
        context.endCleanup();
        if (!leftBehind.isEmpty()) {
            run.listener().on(new ResourcesLeftBehind(run.now(), run.imageName(), name, leftBehind));
        }
    }

    private void postProcess(Artifact artifact) throws Exception {
        List<PostProcessor> postProcessors = spec.postProcessors();
        for (int i = 0; i < postProcessors.size(); i++) {
            PostProcessor p = postProcessors.get(i);
            synchronized (lock) {
                interruptible = true;
            }
            try {
                context.step("post-processor " + (i + 1) + ": " + p.type(), () -> {
                    p.process(context, artifact);
                    return null;
                });
            } finally {
                synchronized (lock) {
                    interruptible = false;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SourceRun{" + builder.name() + "}";
    }
}
