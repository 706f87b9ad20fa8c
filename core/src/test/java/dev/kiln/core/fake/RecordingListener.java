package dev.kiln.core.fake;

import dev.kiln.core.builder.Resource;
import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildEvent.ArtifactProduced;
import dev.kiln.core.run.BuildEvent.CleanupFailed;
import dev.kiln.core.run.BuildEvent.CleanupStarted;
import dev.kiln.core.run.BuildEvent.Message;
import dev.kiln.core.run.BuildEvent.OutputLine;
import dev.kiln.core.run.BuildEvent.ResourcesLeftBehind;
import dev.kiln.core.run.BuildEvent.StepFinished;
import dev.kiln.core.run.BuildEvent.StepStarted;
import dev.kiln.core.run.BuildListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records events as short strings, e.g. {@code web cleanup-failed delete security group}. */
public final class RecordingListener implements BuildListener {
    public final List<String> events = Collections.synchronizedList(new ArrayList<>());
    public final List<Resource> leftBehind = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void on(BuildEvent event) {
        if (event instanceof StepStarted s) {
            events.add(s.source() + " step-started " + s.step());
        } else if (event instanceof StepFinished s) {
            events.add(s.source() + " step-finished " + s.timing().name() + " " + s.timing().outcome());
        } else if (event instanceof Message m) {
            events.add(m.source() + " say " + m.text());
        } else if (event instanceof OutputLine o) {
            events.add(o.source() + " output " + o.line());
        } else if (event instanceof ArtifactProduced a) {
            events.add(a.source() + " artifact " + a.artifact().id());
        } else if (event instanceof CleanupStarted c) {
            events.add(c.source() + " cleanup " + c.cleanup());
        } else if (event instanceof CleanupFailed c) {
            events.add(c.source() + " cleanup-failed " + c.cleanup() + ": " + c.error().getMessage());
        } else if (event instanceof ResourcesLeftBehind r) {
            leftBehind.addAll(r.resources());
        }
    }
}
