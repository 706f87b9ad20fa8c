package dev.kiln.core.fake;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.StepTiming;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records events as short strings, e.g. {@code web cleanup-failed delete security group}. */
public final class RecordingListener extends BuildListener {
    public final List<String> events = Collections.synchronizedList(new ArrayList<>());
    public final List<Resource> leftBehind = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void stepStarted(String source, String step) {
        events.add(source + " step-started " + step);
    }

    @Override
    public void stepFinished(String source, StepTiming timing, Throwable error) {
        events.add(source + " step-finished " + timing.name() + " " + timing.outcome());
    }

    @Override
    public void message(String source, String message) {
        events.add(source + " say " + message);
    }

    @Override
    public void outputLine(String source, OutputStreamKind stream, String line) {
        events.add(source + " output " + line);
    }

    @Override
    public void artifact(String source, Artifact artifact) {
        events.add(source + " artifact " + artifact.id());
    }

    @Override
    public void cleanupStarted(String source, String description) {
        events.add(source + " cleanup " + description);
    }

    @Override
    public void cleanupFailed(String source, String description, Throwable error) {
        events.add(source + " cleanup-failed " + description + ": " + error.getMessage());
    }

    @Override
    public void resourcesLeftBehind(String source, List<Resource> resources) {
        leftBehind.addAll(resources);
    }
}
