package dev.kiln.core.run.internal;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.SourceResult;
import dev.kiln.core.run.StepTiming;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every build event through SLF4J at debug level (logger {@code dev.kiln.core.run.Kiln}). It sits
 * behind {@link SafeListeners}, so it only ever sees masked text.
 *
 * <pre>{@code
 * new SafeListeners(redactor, List.of(new LoggingListener(), userListener));
 * }</pre>
 */
public final class LoggingListener extends BuildListener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.kiln.core.run.Kiln");

    @Override
    public void buildStarted(String imageName, String sessionId, List<String> sources) {
        LOG.debug("Build of {} started (session {}) with sources {}", imageName, sessionId, sources);
    }

    @Override
    public void buildFinished(BuildResult result) {
        LOG.debug("Build of {} finished after {}: {}", result.imageName(), result.duration(),
                result.succeeded() ? "succeeded" : "failed");
    }

    @Override
    public void sourceStarted(String source) {
        LOG.debug("{}: started", source);
    }

    @Override
    public void sourceFinished(SourceResult result) {
        LOG.debug("{}: finished {} after {}", result.name(), result.outcome(), result.duration());
    }

    @Override
    public void stepStarted(String source, String step) {
        LOG.debug("{}: step {} started", source, step);
    }

    @Override
    public void stepFinished(String source, StepTiming timing, Throwable error) {
        LOG.debug("{}: step {} {} after {}{}", source, timing.name(), timing.outcome(), timing.duration(),
                error == null ? "" : ": " + error);
    }

    @Override
    public void message(String source, String message) {
        LOG.debug("{}: {}", source, message);
    }

    @Override
    public void detail(String source, String message) {
        LOG.debug("{}:   {}", source, message);
    }

    @Override
    public void outputLine(String source, OutputStreamKind stream, String line) {
        LOG.debug("{} {}: {}", source, stream, line);
    }

    @Override
    public void artifact(String source, Artifact artifact) {
        LOG.debug("{}: artifact {}", source, artifact.id());
    }

    @Override
    public void error(String source, Throwable error) {
        LOG.debug("{}: error", source, error);
    }

    @Override
    public void cleanupStarted(String source, String description) {
        LOG.debug("{}: cleanup {}", source, description);
    }

    @Override
    public void cleanupFailed(String source, String description, Throwable error) {
        LOG.debug("{}: cleanup {} failed", source, description, error);
    }

    @Override
    public void resourcesLeftBehind(String source, List<Resource> resources) {
        LOG.debug("{}: left behind {}", source, resources);
    }
}
