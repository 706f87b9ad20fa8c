package dev.kiln.core.run.internal;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.SourceResult;
import dev.kiln.core.run.StepTiming;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one listener the runner talks to: masks every secret in each event's text and errors, then passes the
 * event to every registered listener. A listener that throws is logged and the others still hear the event.
 *
 * <pre>{@code
 * BuildListener events = new SafeListeners(redactor, List.of(new LoggingListener(), console));
 * }</pre>
 */
public final class SafeListeners extends BuildListener {
    private static final Logger LOG = LoggerFactory.getLogger(SafeListeners.class);

    private final Redactor redactor;
    private final ErrorRedactor errors;
    private final List<BuildListener> listeners;

    /** Passes masked events to {@code listeners}, in order. */
    public SafeListeners(Redactor redactor, List<BuildListener> listeners) {
        this.redactor = redactor;
        this.errors = new ErrorRedactor(redactor);
        this.listeners = List.copyOf(listeners);
    }

    private void each(Consumer<BuildListener> event) {
        for (BuildListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                Throwable safe = errors.redact(e);
                LOG.warn("The build listener {} failed: {}", listener.getClass().getName(), safe.getMessage(), safe);
            }
        }
    }

    @Override
    public void buildStarted(String imageName, String sessionId, List<String> sources) {
        each(l -> l.buildStarted(imageName, sessionId, sources));
    }

    @Override
    public void buildFinished(BuildResult result) {
        each(l -> l.buildFinished(result));
    }

    @Override
    public void sourceStarted(String source) {
        each(l -> l.sourceStarted(source));
    }

    @Override
    public void sourceFinished(SourceResult result) {
        each(l -> l.sourceFinished(result));
    }

    @Override
    public void stepStarted(String source, String step) {
        String safe = redactor.mask(step);
        each(l -> l.stepStarted(source, safe));
    }

    @Override
    public void stepFinished(String source, StepTiming timing, Throwable error) {
        StepTiming safe = new StepTiming(redactor.mask(timing.name()), timing.start(), timing.duration(),
                timing.outcome());
        Throwable safeError = errors.redact(error);
        each(l -> l.stepFinished(source, safe, safeError));
    }

    @Override
    public void message(String source, String message) {
        String safe = redactor.mask(message);
        each(l -> l.message(source, safe));
    }

    @Override
    public void detail(String source, String message) {
        String safe = redactor.mask(message);
        each(l -> l.detail(source, safe));
    }

    @Override
    public void outputLine(String source, OutputStreamKind stream, String line) {
        String safe = redactor.mask(line);
        each(l -> l.outputLine(source, stream, safe));
    }

    @Override
    public void artifact(String source, Artifact artifact) {
        Artifact safe = new MaskedArtifact(artifact, redactor);
        each(l -> l.artifact(source, safe));
    }

    @Override
    public void error(String source, Throwable error) {
        Throwable safe = errors.redact(error);
        each(l -> l.error(source, safe));
    }

    @Override
    public void cleanupStarted(String source, String description) {
        String safe = redactor.mask(description);
        each(l -> l.cleanupStarted(source, safe));
    }

    @Override
    public void cleanupFailed(String source, String description, Throwable error) {
        String safe = redactor.mask(description);
        Throwable safeError = errors.redact(error);
        each(l -> l.cleanupFailed(source, safe, safeError));
    }

    @Override
    public void resourcesLeftBehind(String source, List<Resource> resources) {
        each(l -> l.resourcesLeftBehind(source, resources));
    }
}
