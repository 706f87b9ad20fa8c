package dev.kiln.core.run;

import dev.kiln.core.builder.Artifact;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a build of a spec ended: one {@link SourceResult} per source, in the spec's order.
 *
 * <pre>{@code
 * BuildResult result = kiln.build(spec);
 * if (result.succeeded()) {
 *     String ami = result.artifact("amazon-ebs").orElseThrow().id();
 * }
 * }</pre>
 *
 * <p>Or, to fail when the build failed, with the error that failed it:
 *
 * <pre>{@code
 * String ami = kiln.build(spec).orElseThrow().artifact("amazon-ebs").orElseThrow().id();
 * }</pre>
 */
public final class BuildResult {
    private final String imageName;
    private final String sessionId;
    private final String fingerprint;
    private final List<SourceResult> sources;
    private final Duration duration;

    /** A result; made by the runner. */
    public BuildResult(String imageName, String sessionId, String fingerprint, List<SourceResult> sources,
            Duration duration) {
        this.imageName = imageName;
        this.sessionId = sessionId;
        this.fingerprint = fingerprint;
        this.sources = List.copyOf(sources);
        this.duration = duration;
    }

    /** The spec's name. */
    public String imageName() {
        return imageName;
    }

    /** The build session's id, as tagged on resources and written to manifests. */
    public String sessionId() {
        return sessionId;
    }

    /**
     * The fingerprint this build used (and tagged images with): the spec's, chained with those of its
     * upstream images when it had any.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** Every source's result, in the spec's order. */
    public List<SourceResult> sources() {
        return sources;
    }

    /** How long the whole build took. */
    public Duration duration() {
        return duration;
    }

    /** One source's result. */
    public Optional<SourceResult> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** True when every source was built or reused. */
    public boolean succeeded() {
        return sources.stream().allMatch(SourceResult::succeeded);
    }

    /**
     * This result when every source was built or reused; else throws the error of the first source, in the
     * spec's order, that failed or was cancelled, as {@link SourceResult#orElseThrow()} does: a
     * {@link BuildCancelledException} when it was cancelled, a {@code KilnException} subclass for Kiln's own
     * failures (e.g. {@code ProvisionerException}, {@code AmazonEbsException}), else what the source's builder,
     * provisioner or post-processor threw. Failed undos don't make it throw: see
     * {@link SourceResult#cleanupFailures()}.
     */
    public BuildResult orElseThrow() {
        sources.forEach(SourceResult::orElseThrow);
        return this;
    }

    /** True when any source was cancelled. */
    public boolean cancelled() {
        return sources.stream().anyMatch(s -> s.outcome() == Outcome.CANCELLED);
    }

    /** The sources that failed or were cancelled. */
    public List<SourceResult> failures() {
        return sources.stream().filter(s -> !s.succeeded()).toList();
    }

    /**
     * The artifact of one source, when it has one. A source is named by its builder: {@code amazon-ebs} for an
     * {@code AmazonEbs} unless it was given a name, not by the spec's image name.
     */
    public Optional<Artifact> artifact(String sourceName) {
        return source(sourceName).flatMap(SourceResult::artifact);
    }

    /** The artifacts of the sources that succeeded, by source name in the spec's order. */
    public Map<String, Artifact> artifacts() {
        Map<String, Artifact> out = new LinkedHashMap<>();
        sources.stream().filter(SourceResult::succeeded)
                .forEach(s -> s.artifact().ifPresent(a -> out.put(s.name(), a)));
        return out;
    }

    @Override
    public String toString() {
        return "BuildResult{image=" + imageName + ", session=" + sessionId + ", duration=" + duration
                + ", sources=" + sources + "}";
    }
}
