package dev.kiln.core.run.internal;

import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildEvent.ArtifactProduced;
import dev.kiln.core.run.BuildEvent.CleanupFailed;
import dev.kiln.core.run.BuildEvent.CleanupStarted;
import dev.kiln.core.run.BuildEvent.Detail;
import dev.kiln.core.run.BuildEvent.Message;
import dev.kiln.core.run.BuildEvent.Warning;
import dev.kiln.core.run.BuildEvent.OutputLine;
import dev.kiln.core.run.BuildEvent.SourceFailed;
import dev.kiln.core.run.BuildEvent.StepFinished;
import dev.kiln.core.run.BuildEvent.StepStarted;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.StepTiming;
import java.util.List;
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
public final class SafeListeners implements BuildListener {
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

    @Override
    public void on(BuildEvent event) {
        BuildEvent safe = masked(event);
        for (BuildListener listener : listeners) {
            try {
                listener.on(safe);
            } catch (RuntimeException e) {
                Throwable safeError = errors.redact(e);
                LOG.warn("The build listener {} failed: {}", listener.getClass().getName(), safeError.getMessage(),
                        safeError);
            }
        }
    }

    /**
     * The event with its texts, errors and artifact masked. The results in {@code SourceFinished} and
     * {@code BuildFinished} are masked by the runner already; resources hold only cloud ids.
     */
    private BuildEvent masked(BuildEvent event) {
        if (event instanceof StepStarted s) {
            return new StepStarted(s.time(), s.image(), s.source(), redactor.mask(s.step()));
        } else if (event instanceof StepFinished s) {
            StepTiming t = s.timing();
            return new StepFinished(s.time(), s.image(), s.source(),
                    new StepTiming(redactor.mask(t.name()), t.start(), t.duration(), t.outcome()),
                    s.error().map(errors::redact));
        } else if (event instanceof Message m) {
            return new Message(m.time(), m.image(), m.source(), redactor.mask(m.text()));
        } else if (event instanceof Warning w) {
            return new Warning(w.time(), w.image(), w.source(), redactor.mask(w.text()));
        } else if (event instanceof Detail d) {
            return new Detail(d.time(), d.image(), d.source(), redactor.mask(d.text()));
        } else if (event instanceof OutputLine o) {
            return new OutputLine(o.time(), o.image(), o.source(), o.stream(), redactor.mask(o.line()));
        } else if (event instanceof ArtifactProduced a) {
            return new ArtifactProduced(a.time(), a.image(), a.source(), new MaskedArtifact(a.artifact(), redactor));
        } else if (event instanceof SourceFailed f) {
            return new SourceFailed(f.time(), f.image(), f.source(), errors.redact(f.error()));
        } else if (event instanceof CleanupStarted c) {
            return new CleanupStarted(c.time(), c.image(), c.source(), redactor.mask(c.cleanup()));
        } else if (event instanceof CleanupFailed c) {
            return new CleanupFailed(c.time(), c.image(), c.source(), redactor.mask(c.cleanup()),
                    errors.redact(c.error()));
        }
        return event;
    }
}
