package dev.kiln.cli.internal.mapping;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.spec.ImageSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * One build of a template, as Kiln will run it.
 *
 * @param name the build's name (the builder's {@code name}, or its type)
 * @param type the builder's type
 * @param spec the image spec: the build's source, the provisioners and post-processors that apply to it
 * @param postProcessorChains the template's post-processor chains that run on the build's artifact
 */
public record PlannedBuild(String name, String type, ImageSpec spec, List<PostProcessorChain> postProcessorChains) {
    /** Copies the chains. */
    public PlannedBuild {
        postProcessorChains = List.copyOf(postProcessorChains);
    }

    /**
     * The artifacts Packer lists at the end of this build when it made {@code built}: the builder's, then what
     * each post-processor of each chain handed on.
     */
    public List<PackerArtifact> listedArtifacts(Artifact built) {
        List<PackerArtifact> listed = new ArrayList<>();
        listed.add(PackerArtifact.of(built));
        for (PostProcessorChain chain : postProcessorChains) {
            chain.handedOn(built).forEach(a -> listed.add(PackerArtifact.of(a)));
        }
        return listed;
    }
}
