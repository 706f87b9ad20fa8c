package dev.kiln.cli.internal.command;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.SourceResult;
import java.util.Optional;

/**
 * A build's events as Packer's {@code -machine-readable} lines: progress as {@code ui,say} ({@code ==> NAME:
 * ...}), details and command output as {@code ui,message}, a failed build as {@code NAME,error,...}, and each
 * artifact as the {@code NAME,artifact-count} and {@code NAME,artifact,0,...} lines that wrappers such as
 * Spinnaker's Rosco read the AMI ids from ({@code builder-id}, {@code id}, {@code string}, {@code files-count},
 * {@code end}).
 */
final class MachineReadableListener implements BuildListener {
    /** Packer's builder id of amazon-ebs artifacts. */
    static final String AMAZON_EBS_BUILDER_ID = "mitchellh.amazonebs";

    private final Ui ui;

    /** Lines to {@code ui}, which must be the machine-readable UI. */
    MachineReadableListener(Ui ui) {
        this.ui = ui;
    }

    @Override
    public void on(BuildEvent event) {
        if (event instanceof BuildEvent.Message m) {
            each(m.text(), line -> ui.say("==> " + m.source() + ": " + line));
        } else if (event instanceof BuildEvent.Detail d) {
            each(d.text(), line -> ui.machine("", "ui", "message", "    " + d.source() + ": " + line));
        } else if (event instanceof BuildEvent.OutputLine o) {
            ui.machine("", "ui", "message", "    " + o.source() + ": " + o.line());
        } else if (event instanceof BuildEvent.SourceFinished f) {
            finished(f.result());
        }
    }

    private void finished(SourceResult result) {
        String name = result.name();
        if (!result.succeeded()) {
            String error = result.error().map(Throwable::getMessage).orElse("unknown error");
            ui.error("Build '" + name + "' errored: " + error);
            ui.machine(name, "error", error);
            return;
        }
        ui.say("Build '" + name + "' finished.");
        Optional<Artifact> artifact = result.artifact();
        ui.machine(name, "artifact-count", artifact.isPresent() ? "1" : "0");
        artifact.ifPresent(a -> {
            ui.machine(name, "artifact", "0", "builder-id", a.builderType().equals("amazon-ebs")
                    ? AMAZON_EBS_BUILDER_ID : a.builderType());
            ui.machine(name, "artifact", "0", "id", a.id());
            ui.machine(name, "artifact", "0", "string", a.describe());
            ui.machine(name, "artifact", "0", "files-count", Integer.toString(a.files().size()));
            for (int i = 0; i < a.files().size(); i++) {
                ui.machine(name, "artifact", "0", "file", Integer.toString(i), a.files().get(i));
            }
            ui.machine(name, "artifact", "0", "end");
            ui.say("--> " + name + ": " + a.describe());
        });
    }

    private static void each(String text, java.util.function.Consumer<String> line) {
        text.lines().forEach(line);
    }
}
