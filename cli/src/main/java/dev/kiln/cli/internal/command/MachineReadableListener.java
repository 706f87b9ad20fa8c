package dev.kiln.cli.internal.command;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.SourceResult;
import dev.kiln.core.run.internal.PackerDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds' events as Packer's {@code -machine-readable} lines: progress as {@code ui,say} ({@code ==> NAME:
 * ...}), details and command output as {@code ui,message}, each build's end; and, once every build has ended,
 * {@link #summary(Duration)}: the errors ({@code error-count}, {@code NAME,error,...}) and the artifacts as the
 * {@code NAME,artifact-count} and {@code NAME,artifact,I,...} lines that wrappers such as Spinnaker's Rosco read
 * the AMI ids from. As in Packer, a build with post-processors lists its builder's artifact, then one per
 * post-processor chain (a manifest passes its input on).
 */
final class MachineReadableListener implements BuildListener {
    /** Packer's builder id of amazon-ebs artifacts. */
    static final String AMAZON_EBS_BUILDER_ID = "mitchellh.amazonebs";

    private final Ui ui;
    private final Map<String, Integer> chains;
    private final List<SourceResult> results = new ArrayList<>();

    /**
     * Lines to {@code ui}, which must be the machine-readable UI.
     *
     * @param chains per build name, how many post-processor chains run on its artifact
     */
    MachineReadableListener(Ui ui, Map<String, Integer> chains) {
        this.ui = ui;
        this.chains = Map.copyOf(chains);
    }

    @Override
    public void on(BuildEvent event) {
        if (event instanceof BuildEvent.Message m) {
            m.text().lines().forEach(line -> ui.say("==> " + m.source() + ": " + line));
        } else if (event instanceof BuildEvent.Detail d) {
            d.text().lines().forEach(line -> message(d.source(), line));
        } else if (event instanceof BuildEvent.OutputLine o) {
            message(o.source(), o.line());
        } else if (event instanceof BuildEvent.SourceFinished f) {
            finished(f.result());
        }
    }

    private void message(String source, String line) {
        ui.machine("", "ui", "message", "    " + source + ": " + line);
    }

    private synchronized void finished(SourceResult result) {
        results.add(result);
        String after = PackerDuration.format(result.duration());
        if (result.succeeded()) {
            ui.say("Build '" + result.name() + "' finished after " + after + ".");
        } else {
            ui.error("Build '" + result.name() + "' errored after " + after + ": " + error(result));
        }
    }

    /** The end of the run, after every build: how long it took, the errors, then the artifacts. */
    synchronized void summary(Duration duration) {
        ui.say("\n==> Wait completed after " + PackerDuration.format(duration));
        List<SourceResult> failed = results.stream().filter(r -> !r.succeeded()).toList();
        if (!failed.isEmpty()) {
            ui.machine("", "error-count", Integer.toString(failed.size()));
            ui.error("\n==> Some builds didn't complete successfully and had errors:");
            for (SourceResult r : failed) {
                ui.machine(r.name(), "error", error(r));
                ui.error("--> " + r.name() + ": " + error(r));
            }
        }
        List<SourceResult> built = results.stream().filter(r -> r.artifact().isPresent()).toList();
        if (built.isEmpty()) {
            ui.say("\n==> Builds finished but no artifacts were created.");
            return;
        }
        ui.say("\n==> Builds finished. The artifacts of successful builds are:");
        for (SourceResult r : built) {
            int count = 1 + chains.getOrDefault(r.name(), 0);
            ui.machine(r.name(), "artifact-count", Integer.toString(count));
            for (int i = 0; i < count; i++) {
                artifact(r.name(), Integer.toString(i), r.artifact().orElseThrow());
            }
        }
    }

    private void artifact(String name, String index, Artifact a) {
        ui.machine(name, "artifact", index, "builder-id", a.builderType().equals("amazon-ebs")
                ? AMAZON_EBS_BUILDER_ID : a.builderType());
        ui.machine(name, "artifact", index, "id", a.id());
        ui.machine(name, "artifact", index, "string", a.describe());
        ui.machine(name, "artifact", index, "files-count", Integer.toString(a.files().size()));
        for (int f = 0; f < a.files().size(); f++) {
            ui.machine(name, "artifact", index, "file", Integer.toString(f), a.files().get(f));
        }
        ui.machine(name, "artifact", index, "end");
        ui.say("--> " + name + ": " + a.describe());
    }

    private static String error(SourceResult r) {
        return r.error().map(Throwable::getMessage).orElse("unknown error");
    }
}
