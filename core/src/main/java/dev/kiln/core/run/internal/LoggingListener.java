package dev.kiln.core.run.internal;

import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildEvent.ArtifactProduced;
import dev.kiln.core.run.BuildEvent.BuildFinished;
import dev.kiln.core.run.BuildEvent.BuildStarted;
import dev.kiln.core.run.BuildEvent.CleanupFailed;
import dev.kiln.core.run.BuildEvent.CleanupStarted;
import dev.kiln.core.run.BuildEvent.Detail;
import dev.kiln.core.run.BuildEvent.Message;
import dev.kiln.core.run.BuildEvent.Warning;
import dev.kiln.core.run.BuildEvent.OutputLine;
import dev.kiln.core.run.BuildEvent.ResourcesLeftBehind;
import dev.kiln.core.run.BuildEvent.SourceEvent;
import dev.kiln.core.run.BuildEvent.SourceFinished;
import dev.kiln.core.run.BuildEvent.SourceStarted;
import dev.kiln.core.run.BuildEvent.StepFinished;
import dev.kiln.core.run.BuildEvent.StepStarted;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.SourceResult;
import dev.kiln.core.run.StepOutcome;
import dev.kiln.core.run.StepTiming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every build through SLF4J, so an application sees its builds with no listener of its own. Logger
 * {@value #BUILD}: at INFO a build's start and end, each step's start, each message ({@code say}), each
 * artifact and each source's end; at WARN each warning, a failed step, a failed cleanup, resources left behind and a failed
 * build; at ERROR a failed source, with its stack trace; at DEBUG the rest (details, step ends, cleanups).
 * Logger {@value #OUTPUT}: every line of command output, at DEBUG. Each line starts with
 * {@code image/source:}. It sits behind {@link SafeListeners}, so it only ever sees masked text.
 *
 * <pre>{@code
 * new SafeListeners(redactor, List.of(new LoggingListener(), userListener));
 * }</pre>
 */
public final class LoggingListener implements BuildListener {
    /** The logger of the builds' progress and failures. */
    public static final String BUILD = "dev.kiln.build";
    /** The logger of the output of commands run on the machines. */
    public static final String OUTPUT = "dev.kiln.build.output";

    private static final Logger LOG = LoggerFactory.getLogger(BUILD);
    private static final Logger OUT = LoggerFactory.getLogger(OUTPUT);

    @Override
    public void on(BuildEvent event) {
        String who = event instanceof SourceEvent s ? s.image() + "/" + s.source() : event.image();
        if (event instanceof BuildStarted b) {
            LOG.info("Build of image '{}' started (session {}) with sources {}", b.image(), b.sessionId(), b.sources());
        } else if (event instanceof BuildFinished b) {
            buildFinished(b.result());
        } else if (event instanceof SourceStarted) {
            LOG.debug("{}: started", who);
        } else if (event instanceof SourceFinished f) {
            sourceFinished(who, f.result());
        } else if (event instanceof StepStarted s) {
            LOG.info("{}: step '{}' started", who, s.step());
        } else if (event instanceof StepFinished s) {
            stepFinished(who, s);
        } else if (event instanceof Message m) {
            LOG.info("{}: {}", who, m.text());
        } else if (event instanceof Warning w) {
            LOG.warn("{}: {}", who, w.text());
        } else if (event instanceof Detail d) {
            LOG.debug("{}: {}", who, d.text());
        } else if (event instanceof OutputLine o) {
            OUT.debug("{} {}: {}", who, o.stream(), o.line());
        } else if (event instanceof ArtifactProduced a) {
            LOG.info("{}: artifact {}", who, a.artifact().id());
        } else if (event instanceof CleanupStarted c) {
            LOG.debug("{}: cleanup: {}", who, c.cleanup());
        } else if (event instanceof CleanupFailed c) {
            LOG.warn("{}: cleanup '{}' failed: {}", who, c.cleanup(), c.error().getMessage(), c.error());
        } else if (event instanceof ResourcesLeftBehind r) {
            LOG.warn("{}: these resources were left behind and still exist: {}", who, r.resources());
        }
        // SourceFailed is logged once, with its stack trace, when the source finishes.
    }

    private static void buildFinished(BuildResult result) {
        String after = PackerDuration.format(result.duration());
        if (result.succeeded()) {
            LOG.info("Build of image '{}' succeeded after {}", result.imageName(), after);
        } else if (result.cancelled()) {
            LOG.info("Build of image '{}' was cancelled after {}", result.imageName(), after);
        } else {
            LOG.warn("Build of image '{}' failed after {}: sources {} failed", result.imageName(), after,
                    result.failures().stream().map(SourceResult::name).toList());
        }
    }

    private static void sourceFinished(String who, SourceResult result) {
        String after = PackerDuration.format(result.duration());
        switch (result.outcome()) {
            case BUILT -> LOG.info("{}: built after {}", who, after);
            case REUSED -> LOG.info("{}: reused an existing image after {}", who, after);
            case CANCELLED -> LOG.info("{}: cancelled after {}", who, after);
            case FAILED -> {
                Throwable error = result.error().orElse(null);
                LOG.error("{}: failed after {}: {}", who, after, error == null ? "unknown error" : error.getMessage(),
                        error);
            }
        }
    }

    private static void stepFinished(String who, StepFinished step) {
        StepTiming timing = step.timing();
        String after = PackerDuration.format(timing.duration());
        if (timing.outcome() == StepOutcome.FAILED) {
            LOG.warn("{}: step '{}' failed after {}: {}", who, timing.name(), after,
                    step.error().map(Throwable::getMessage).orElse("unknown error"));
        } else if (timing.outcome() == StepOutcome.CANCELLED) {
            LOG.info("{}: step '{}' cancelled after {}", who, timing.name(), after);
        } else {
            LOG.debug("{}: step '{}' succeeded after {}", who, timing.name(), after);
        }
    }
}
