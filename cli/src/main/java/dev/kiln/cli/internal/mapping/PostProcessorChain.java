package dev.kiln.cli.internal.mapping;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.post.PostProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One post-processor chain of a template as it runs on one build: for each of its post-processors, what it hands
 * on to the next in Packer (a manifest or docker-save its input, a docker-tag the image under its new name).
 * Packer lists each of those artifacts at the end of the build, since every post-processor Kiln maps keeps its
 * input.
 *
 * <pre>{@code
 * List<Artifact> listed = chain.handedOn(builderArtifact);
 * }</pre>
 *
 * @param steps per post-processor, its input turned into what it hands on
 */
public record PostProcessorChain(List<UnaryOperator<Artifact>> steps) {
    /** Copies the steps. */
    public PostProcessorChain {
        steps = List.copyOf(steps);
    }

    /** What each post-processor of the chain hands on, in order, when the build made {@code built}. */
    public List<Artifact> handedOn(Artifact built) {
        List<Artifact> artifacts = new ArrayList<>();
        Artifact current = built;
        for (UnaryOperator<Artifact> step : steps) {
            current = step.apply(current);
            artifacts.add(current);
        }
        return artifacts;
    }

    /**
     * One post-processor of a chain, mapped.
     *
     * @param processor Kiln's post-processor
     * @param input what it is given, from what the chain handed on before it
     * @param output what it hands on, from its input; {@link #SAME} when that is its input
     * @param adaptsBuilderArtifact whether {@code input} changes the builder's own artifact too (docker-save's
     *     name), so that it applies even first in a chain
     */
    record Link(PostProcessor processor, UnaryOperator<Artifact> input, UnaryOperator<Artifact> output,
            boolean adaptsBuilderArtifact) {
        /** The artifact as it is. */
        static final UnaryOperator<Artifact> SAME = artifact -> artifact;

        /** A post-processor that takes and hands on the artifact as it is (manifest). */
        static Link passing(PostProcessor processor) {
            return new Link(processor, SAME, SAME, false);
        }
    }
}
