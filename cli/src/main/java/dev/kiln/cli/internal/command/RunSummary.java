package dev.kiln.cli.internal.command;

import dev.kiln.cli.internal.mapping.PackerArtifact;
import dev.kiln.cli.internal.mapping.PlannedBuild;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.Outcome;
import dev.kiln.core.run.SourceResult;
import dev.kiln.core.run.internal.PackerDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The end of a {@code kiln build}, once every build has ended, as Packer prints it for all the template's builds
 * together: how long the run took, then that the builds were cancelled, or the builds that failed ({@code error-count}, {@code NAME,error,...} for
 * machines) and the artifacts. For machines each artifact is also the {@code NAME,artifact-count} and
 * {@code NAME,artifact,I,...} lines that wrappers such as Spinnaker's Rosco read the AMI ids from; as in Packer,
 * a build with post-processors lists its builder's artifact, then what each post-processor of each chain handed
 * on (a manifest passes its input on, a docker-tag the image under its new name).
 */
final class RunSummary implements BuildListener {
    private final Ui ui;
    private final Map<String, PlannedBuild> builds;
    private final List<SourceResult> results = new ArrayList<>();

    /**
     * A summary printed to {@code ui}.
     *
     * @param builds the run's builds, by name: what each lists for its artifact
     */
    RunSummary(Ui ui, Map<String, PlannedBuild> builds) {
        this.ui = ui;
        this.builds = Map.copyOf(builds);
    }

    @Override
    public synchronized void on(BuildEvent event) {
        if (event instanceof BuildEvent.SourceFinished f) {
            results.add(f.result());
        }
    }

    /** Prints the end of the run, which took {@code duration}. */
    synchronized void print(Duration duration) {
        ui.say("\n==> Wait completed after " + PackerDuration.format(duration));
        if (results.stream().anyMatch(r -> r.outcome() == Outcome.CANCELLED)) {
            ui.say("Cleanly cancelled builds after being interrupted.");
            return;
        }
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
            Artifact made = r.artifact().orElseThrow();
            PlannedBuild build = builds.get(r.name());
            List<PackerArtifact> listed = build != null ? build.listedArtifacts(made) : List.of(PackerArtifact.of(made));
            ui.machine(r.name(), "artifact-count", Integer.toString(listed.size()));
            for (int i = 0; i < listed.size(); i++) {
                artifact(r.name(), Integer.toString(i), listed.get(i));
            }
        }
    }

    private void artifact(String name, String index, PackerArtifact a) {
        ui.machine(name, "artifact", index, "builder-id", a.builderId());
        ui.machine(name, "artifact", index, "id", a.id());
        ui.machine(name, "artifact", index, "string", a.string());
        ui.machine(name, "artifact", index, "files-count", Integer.toString(a.files().size()));
        for (int f = 0; f < a.files().size(); f++) {
            ui.machine(name, "artifact", index, "file", Integer.toString(f), a.files().get(f));
        }
        ui.machine(name, "artifact", index, "end");
        ui.say("--> " + name + ": " + a.string());
    }

    /** Why a build failed, as its error says. */
    static String error(SourceResult r) {
        return r.error().map(Throwable::getMessage).orElse("unknown error");
    }
}
