package dev.kiln.core.run;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.run.BuildEvent.BuildFinished;
import dev.kiln.core.run.BuildEvent.CleanupFailed;
import dev.kiln.core.run.BuildEvent.Detail;
import dev.kiln.core.run.BuildEvent.Message;
import dev.kiln.core.run.BuildEvent.Warning;
import dev.kiln.core.run.BuildEvent.OutputLine;
import dev.kiln.core.run.BuildEvent.ResourcesLeftBehind;
import dev.kiln.core.run.BuildEvent.SourceFailed;
import dev.kiln.core.run.BuildEvent.SourceFinished;
import dev.kiln.core.run.internal.PackerDuration;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Prints a build the way Packer does, so its users can read it at a glance:
 *
 * <pre>
 * ==> web: Launching a source AWS instance...
 *     web: Hit:1 http://archive.ubuntu.com/ubuntu jammy InRelease
 * Build 'web' finished after 4 minutes 12 seconds.
 *
 * ==> Builds finished. The artifacts of successful builds are:
 * --> web: AMIs were created:
 * us-east-1: ami-0abc
 * </pre>
 *
 * <pre>{@code
 * Kiln kiln = Kiln.builder().listener(new ConsoleListener(System.out)).build();
 * }</pre>
 */
public final class ConsoleListener implements BuildListener {
    private final PrintStream out;

    /** Prints to {@code out}. */
    public ConsoleListener(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void on(BuildEvent event) {
        if (event instanceof Message m) {
            say(m.source(), m.text());
        } else if (event instanceof Warning w) {
            say(w.source(), "Warning: " + w.text());
        } else if (event instanceof Detail d) {
            each(d.text(), line -> "    " + d.source() + ": " + line);
        } else if (event instanceof OutputLine o) {
            print("    " + o.source() + ": " + o.line());
        } else if (event instanceof SourceFailed f) {
            say(f.source(), String.valueOf(f.error().getMessage()));
        } else if (event instanceof CleanupFailed c) {
            say(c.source(), "Error cleaning up (" + c.cleanup() + "): " + c.error().getMessage());
        } else if (event instanceof ResourcesLeftBehind r) {
            StringBuilder text = new StringBuilder("These resources were left behind:");
            r.resources().forEach(resource -> text.append("\n    ").append(resource));
            say(r.source(), text.toString());
        } else if (event instanceof SourceFinished f) {
            sourceFinished(f.result());
        } else if (event instanceof BuildFinished f) {
            buildFinished(f.result());
        }
    }

    private void sourceFinished(SourceResult result) {
        String after = PackerDuration.format(result.duration());
        switch (result.outcome()) {
            case BUILT, REUSED -> print("Build '" + result.name() + "' finished after " + after + ".");
            case CANCELLED -> print("Build '" + result.name() + "' errored after " + after + ": Build was cancelled.");
            case FAILED -> print("Build '" + result.name() + "' errored after " + after + ": "
                    + result.error().map(Throwable::getMessage).orElse("unknown error"));
        }
    }

    private void buildFinished(BuildResult result) {
        StringBuilder text = new StringBuilder("\n==> Wait completed after ")
                .append(PackerDuration.format(result.duration()));
        if (result.cancelled()) {
            text.append("\nCleanly cancelled builds after being interrupted.");
        }
        Map<String, Artifact> artifacts = result.artifacts();
        if (artifacts.isEmpty()) {
            text.append("\n\n==> Builds finished but no artifacts were created.");
        } else {
            text.append("\n\n==> Builds finished. The artifacts of successful builds are:");
            artifacts.forEach((source, artifact) -> text.append("\n--> ").append(source).append(": ")
                    .append(artifact.describe()));
        }
        print(text.toString());
    }

    private void say(String source, String message) {
        each(message, line -> "==> " + source + ": " + line);
    }

    private void each(String message, UnaryOperator<String> prefix) {
        StringBuilder text = new StringBuilder();
        for (String line : message.split("\\R", -1)) {
            text.append(text.length() == 0 ? "" : "\n").append(prefix.apply(line));
        }
        print(text.toString());
    }

    private void print(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
