package dev.kiln.core.run;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.comm.OutputStreamKind;
import java.util.List;

/**
 * Told about everything a build does, one callback per event; every callback does nothing unless
 * overridden. Callbacks arrive from the sources' threads, often at once, so implementations must be
 * thread-safe. Every text and error they receive has every secret masked. A listener that throws is logged
 * and otherwise ignored.
 *
 * <pre>{@code
 * Kiln kiln = Kiln.builder().listener(new BuildListener() {
 *     public void outputLine(String source, OutputStreamKind stream, String line) { log.info("{}: {}", source, line); }
 * }).build();
 * }</pre>
 */
public abstract class BuildListener {

    /** The build of a spec started with these sources. */
    public void buildStarted(String imageName, String sessionId, List<String> sources) {
    }

    /** Every source has finished, cleanups included. */
    public void buildFinished(BuildResult result) {
    }

    /** A source's build started. */
    public void sourceStarted(String source) {
    }

    /** A source's build finished, cleanups included. */
    public void sourceFinished(SourceResult result) {
    }

    /** A step began. */
    public void stepStarted(String source, String step) {
    }

    /** A step ended; {@code error} is null when it succeeded. */
    public void stepFinished(String source, StepTiming timing, Throwable error) {
    }

    /** A progress message ({@code ==> source: message}). */
    public void message(String source, String message) {
    }

    /** A detail of the current step ({@code     source: message}). */
    public void detail(String source, String message) {
    }

    /** A line of output of a command run on the machine. */
    public void outputLine(String source, OutputStreamKind stream, String line) {
    }

    /** A source produced (or reused) an artifact. */
    public void artifact(String source, Artifact artifact) {
    }

    /** A source failed or was cancelled. */
    public void error(String source, Throwable error) {
    }

    /** An undo is about to run. */
    public void cleanupStarted(String source, String description) {
    }

    /** An undo failed; the remaining undos still run. */
    public void cleanupFailed(String source, String description, Throwable error) {
    }

    /** These resources still exist after the source ended: their undo failed or was skipped (ABORT). */
    public void resourcesLeftBehind(String source, List<Resource> resources) {
    }
}
