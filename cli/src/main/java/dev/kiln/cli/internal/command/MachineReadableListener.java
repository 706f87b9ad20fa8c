package dev.kiln.cli.internal.command;

import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.SourceResult;
import dev.kiln.core.run.internal.PackerDuration;

/**
 * A build's progress as Packer's {@code -machine-readable} lines: {@code ui,say} for its steps
 * ({@code ==> NAME: ...}), {@code ui,message} for details and command output, and its end; {@link RunSummary}
 * prints the rest once every build has ended.
 */
final class MachineReadableListener implements BuildListener {
    private final Ui ui;

    /** Lines to {@code ui}, which must be the machine-readable UI. */
    MachineReadableListener(Ui ui) {
        this.ui = ui;
    }

    @Override
    public void on(BuildEvent event) {
        if (event instanceof BuildEvent.Message m) {
            m.text().lines().forEach(line -> ui.say("==> " + m.source() + ": " + line));
        } else if (event instanceof BuildEvent.Warning w) {
            ("Warning: " + w.text()).lines().forEach(line -> ui.say("==> " + w.source() + ": " + line));
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

    private void finished(SourceResult result) {
        String after = PackerDuration.format(result.duration());
        if (result.succeeded()) {
            ui.say("Build '" + result.name() + "' finished after " + after + ".");
        } else {
            ui.error("Build '" + result.name() + "' errored after " + after + ": " + RunSummary.error(result));
        }
    }
}
