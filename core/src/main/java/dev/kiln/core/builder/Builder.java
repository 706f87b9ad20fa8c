package dev.kiln.core.builder;

import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A source of an image: launches a machine from a base image and captures the provisioned machine as an
 * artifact. Implementations are immutable configurations; everything about one build lives in the
 * {@link BuildContext}. Each source of an {@code ImageSpec} is one builder and yields one artifact.
 *
 * <p>The runner calls, in order: {@link #validate()} (before any network call), {@link #findExisting},
 * then {@link #launch}, the provisioners, and {@link #capture}. Each step registers its undo on the
 * context's cleanup stack as the step begins, so a failure, cancel or interrupt anywhere undoes exactly
 * what was done.
 */
public interface Builder {

    /** The source's name, unique within a spec; the {@code name} of Packer's manifest entries. */
    String name();

    /** The builder type, e.g. {@code amazon-ebs}; the {@code builder_type} of Packer's manifest entries. */
    String type();

    /** Every problem with this configuration, found without any network call. Empty when valid. */
    List<Problem> validate();

    /**
     * The images of an {@code ImagePipeline} whose artifacts this source starts from, e.g. the base image
     * under an application image. The pipeline builds them first and hands their artifacts over through
     * {@link BuildContext#upstream(String)}. Empty for a source that starts from a fixed base image.
     */
    default Set<String> upstreamImages() {
        return Set.of();
    }

    /** Adds everything in this configuration that determines the image. */
    void fingerprint(Fingerprinter fingerprinter);

    /**
     * Looks for an image this spec already built (same fingerprint), when the configuration asks to reuse
     * one. Empty when there is none or reuse is off; then the runner launches a machine.
     */
    Optional<Artifact> findExisting(BuildContext context) throws Exception;

    /** Launches a machine from the base image and returns it connected and ready for provisioning. */
    Machine launch(BuildContext context) throws Exception;

    /** Captures the provisioned machine as an artifact (for amazon-ebs: stop, create the AMI, copy, tag). */
    Artifact capture(BuildContext context, Machine machine) throws Exception;
}
