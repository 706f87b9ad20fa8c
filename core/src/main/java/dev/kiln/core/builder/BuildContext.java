package dev.kiln.core.builder;

import dev.kiln.core.Secret;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.spec.Variables;
import java.util.Optional;

/**
 * Everything a builder, provisioner or post-processor needs about the build of one source: its identity,
 * output, step timing, cleanup stack and cancellation. Created by the runner for each source.
 */
public interface BuildContext {

    /** The build session's id (a UUID), shared by every source of one run and tagged on every temporary resource. */
    String sessionId();

    /** The image's name, from the spec. */
    String imageName();

    /** The name of the source being built. */
    String sourceName();

    /** The type of the source's builder, e.g. {@code amazon-ebs}; scripts see it as {@code KILN_BUILDER_TYPE}. */
    String builderType();

    /** The spec's fingerprint as lowercase hex SHA-256. */
    String fingerprint();

    /** The spec's variables. */
    Variables variables();

    /**
     * The artifact of an upstream image of an {@code ImagePipeline}, by image name: the artifact of that
     * image's only source, or of its source with this source's name when it has several. Empty outside a
     * pipeline and for images that are not upstream of this one.
     */
    default Optional<Artifact> upstream(String imageName) {
        return Optional.empty();
    }

    /** Announces progress, shown as {@code ==> source: message}. */
    void say(String message);

    /**
     * Warns without failing the build, shown as {@code ==> source: Warning: message} and logged at WARN. Contexts
     * that predate warnings say it instead.
     */
    default void warn(String message) {
        say("Warning: " + message);
    }

    /** Gives a detail of the current step, shown as {@code     source: message}. */
    void detail(String message);

    /** Where provisioners send the output of commands they run. */
    OutputSink output();

    /**
     * Runs one named step of the build: reports its start and end, records its timing, and checks for
     * cancellation before it begins.
     *
     * @throws dev.kiln.core.run.BuildCancelledException when the build was cancelled or the thread interrupted,
     *     before or during the step; it names the innermost step and has what the step threw as its cause
     */
    <T> T step(String name, StepBody<T> body) throws Exception;

    /**
     * Registers an undo that always runs when the source's build ends, in reverse order of registration.
     * Register it as the step begins, before the resource exists; {@link Cleanup#track} the resource's id
     * the moment the cloud returns it.
     */
    Cleanup onCleanup(String description, Undo undo);

    /**
     * Registers an undo that runs only when the build fails or is cancelled, e.g. deregistering a half-made
     * image. On success it is dropped; its tracked resources are the result.
     */
    Cleanup onFailure(String description, Undo undo);

    /**
     * Marks a secret so that its value is masked in every output line, event, log message and exception
     * message of this build from now on. Call it before the value can appear anywhere.
     */
    void redact(Secret secret);

    /**
     * Throws when the build has been cancelled or the thread interrupted. Long loops call it between
     * attempts.
     */
    void checkCancelled() throws InterruptedException;
}
