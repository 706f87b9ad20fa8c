package dev.kiln.core.run;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.comm.OutputStreamKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a build did, as a {@link BuildListener} hears it: one record type per kind of event. Every event
 * says when it happened (by the {@link Kiln}'s clock) and which image it belongs to; the events of one source
 * of that image are {@link SourceEvent}s. Texts and errors have every secret masked.
 *
 * <pre>{@code
 * Kiln kiln = Kiln.builder().listener(event -> {
 *     if (event instanceof BuildEvent.StepStarted s) {
 *         System.out.println(s.image() + "/" + s.source() + ": " + s.step());
 *     }
 * }).build();
 * }</pre>
 */
public sealed interface BuildEvent permits BuildEvent.BuildStarted, BuildEvent.BuildFinished, BuildEvent.SourceEvent {

    /** When it happened. */
    Instant time();

    /** The name of the spec being built. */
    String image();

    /** An event of one source of the image: every kind but the build's start and end. */
    sealed interface SourceEvent extends BuildEvent permits SourceStarted, SourceFinished, StepStarted, StepFinished,
            Message, Warning, Detail, OutputLine, ArtifactProduced, SourceFailed, CleanupStarted, CleanupFailed,
            ResourcesLeftBehind {

        /** The source's name, e.g. {@code amazon-ebs}. */
        String source();
    }

    /**
     * The build of a spec started.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param sessionId the build's session id, as tagged on what it creates
     * @param sources the source names, in the spec's order
     */
    record BuildStarted(Instant time, String image, String sessionId, List<String> sources) implements BuildEvent {
        /** Copies {@code sources}; no component may be null. */
        public BuildStarted {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(sessionId, "sessionId");
            sources = List.copyOf(sources);
        }
    }

    /**
     * Every source has finished, cleanups and post-processors included.
     *
     * @param time when it happened
     * @param result how the build ended, with every secret masked
     */
    record BuildFinished(Instant time, BuildResult result) implements BuildEvent {
        /** No component may be null. */
        public BuildFinished {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String image() {
            return result.imageName();
        }
    }

    /**
     * A source's build started.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param source the source's name
     */
    record SourceStarted(Instant time, String image, String source) implements SourceEvent {
        /** No component may be null. */
        public SourceStarted {
            requireNames(time, image, source);
        }
    }

    /**
     * A source's build finished, cleanups and post-processors included.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param result how the source ended, with every secret masked
     */
    record SourceFinished(Instant time, String image, SourceResult result) implements SourceEvent {
        /** No component may be null. */
        public SourceFinished {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String source() {
            return result.name();
        }
    }

    /**
     * A step began, e.g. {@code launch} or {@code provisioner 1: shell}; a step may run steps of its own.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param source the source's name
     * @param step the step's name
     */
    record StepStarted(Instant time, String image, String source, String step) implements SourceEvent {
        /** No component may be null. */
        public StepStarted {
            requireNames(time, image, source);
            Objects.requireNonNull(step, "step");
        }
    }

    /**
     * A step ended; {@code error} is why it failed or was cancelled, empty when it succeeded.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param source the source's name
     * @param timing when the step ran, for how long, and how it ended
     * @param error why the step failed or was cancelled; empty when it succeeded
     */
    record StepFinished(Instant time, String image, String source, StepTiming timing, Optional<Throwable> error)
            implements SourceEvent {
        /** No component may be null. */
        public StepFinished {
            requireNames(time, image, source);
            Objects.requireNonNull(timing, "timing");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * A progress message, printed by Packer as {@code ==> source: text}.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param source the source's name
     * @param text the text, with every secret masked
     */
    record Message(Instant time, String image, String source, String text) implements SourceEvent {
        /** No component may be null. */
        public Message {
            requireNames(time, image, source);
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A warning: the build goes on, but something deserves a look (e.g. a security group open to the world).
     * Printed as {@code ==> source: Warning: text} and logged at WARN.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param source the source's name
     * @param text the text, with every secret masked
     */
    record Warning(Instant time, String image, String source, String text) implements SourceEvent {
        /** No component may be null. */
        public Warning {
            requireNames(time, image, source);
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A detail of the current step, printed by Packer as {@code     source: text}.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param source the source's name
     * @param text the text, with every secret masked
     */
    record Detail(Instant time, String image, String source, String text) implements SourceEvent {
        /** No component may be null. */
        public Detail {
            requireNames(time, image, source);
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A line of output of a command run on the machine, without its line break.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param source the source's name
     * @param stream the stream the line came from
     * @param line the line, without its line break, with every secret masked
     */
    record OutputLine(Instant time, String image, String source, OutputStreamKind stream, String line)
            implements SourceEvent {
        /** No component may be null. */
        public OutputLine {
            requireNames(time, image, source);
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(line, "line");
        }
    }

    /**
     * The source built (or reused) an artifact; its cleanups have run, its post-processors are next.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param source the source's name
     * @param artifact the artifact, with every secret in its id and description masked
     */
    record ArtifactProduced(Instant time, String image, String source, Artifact artifact) implements SourceEvent {
        /** No component may be null. */
        public ArtifactProduced {
            requireNames(time, image, source);
            Objects.requireNonNull(artifact, "artifact");
        }
    }

    /**
     * The source failed or was cancelled, for this reason; {@link SourceFinished} follows.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param source the source's name
     * @param error why, with every secret masked
     */
    record SourceFailed(Instant time, String image, String source, Throwable error) implements SourceEvent {
        /** No component may be null. */
        public SourceFailed {
            requireNames(time, image, source);
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * An undo is about to run, e.g. {@code terminate instance i-0abc}.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param source the source's name
     * @param cleanup what the undo does
     */
    record CleanupStarted(Instant time, String image, String source, String cleanup) implements SourceEvent {
        /** No component may be null. */
        public CleanupStarted {
            requireNames(time, image, source);
            Objects.requireNonNull(cleanup, "cleanup");
        }
    }

    /**
     * An undo failed; the remaining undos still run.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param source the source's name
     * @param cleanup what the undo does
     * @param error why, with every secret masked
     */
    record CleanupFailed(Instant time, String image, String source, String cleanup, Throwable error)
            implements SourceEvent {
        /** No component may be null. */
        public CleanupFailed {
            requireNames(time, image, source);
            Objects.requireNonNull(cleanup, "cleanup");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * These resources still exist after the source ended: their undo failed, or was skipped by {@link OnError#ABORT}.
     *
     * @param time when it happened
     * @param image the spec's name
     * @param source the source's name
     * @param resources the resources, as the builder tracked them
     */
    record ResourcesLeftBehind(Instant time, String image, String source, List<Resource> resources)
            implements SourceEvent {
        /** Copies {@code resources}; no component may be null. */
        public ResourcesLeftBehind {
            requireNames(time, image, source);
            resources = List.copyOf(resources);
        }
    }

    private static void requireNames(Instant time, String image, String source) {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(source, "source");
    }
}
