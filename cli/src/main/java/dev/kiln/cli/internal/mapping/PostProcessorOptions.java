package dev.kiln.cli.internal.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.cli.internal.interpolate.TemplateContext;
import dev.kiln.cli.internal.template.Interpolation;
import dev.kiln.cli.internal.template.OptionReader;
import dev.kiln.cli.internal.template.Section;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.Builder;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.core.spec.Problem;
import dev.kiln.docker.DockerTag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * One post-processor chain of a template, for one build: each post-processor that runs on the build (by its
 * only/except), mapped by type ({@code manifest}, {@code docker-tag}, {@code docker-push}, {@code docker-save})
 * and added to the spec, given what the post-processors before it in the chain hand on, as in Packer.
 *
 * <pre>{@code
 * Optional<PostProcessorChain> chain = PostProcessorOptions.map(sections, "docker", source, ctx, mapping,
 *         problems, spec);
 * }</pre>
 */
final class PostProcessorOptions {
    /** The post-processor types Kiln maps, for messages. */
    static final String SUPPORTED;

    static {
        TreeSet<String> types = new TreeSet<>(DockerPostProcessorOptions.TYPES);
        types.add(ManifestOptions.TYPE);
        SUPPORTED = String.join(", ", types);
    }

    private PostProcessorOptions() {
    }

    /**
     * Adds the chain's post-processors that run on build {@code buildName} (made by {@code source}) to
     * {@code spec}.
     *
     * @return what each hands on, or empty when none runs on the build
     */
    static Optional<PostProcessorChain> map(List<Section> chain, String buildName, Builder source,
            TemplateContext buildCtx, MappingContext mapping, List<Problem> problems, ImageSpec.SpecBuilder spec) {
        List<UnaryOperator<Artifact>> steps = new ArrayList<>();
        UnaryOperator<Artifact> handedOn = PostProcessorChain.Link.SAME;
        DockerTag lastTag = null;
        for (Section pp : chain) {
            if (pp.skips(buildName)) {
                continue;
            }
            PostProcessorChain.Link link = link(pp, source, buildCtx, mapping, problems, lastTag);
            if (link == null) {
                continue;
            }
            if (link.processor() instanceof DockerTag tag) {
                lastTag = tag;
            }
            UnaryOperator<Artifact> before = handedOn;
            // wrapped only when it must see another artifact than the builder's, so that a template's manifest
            // stays Kiln's ManifestPostProcessor for a Java caller of PackerTemplate
            boolean wrap = before != PostProcessorChain.Link.SAME || link.adaptsBuilderArtifact();
            spec.postProcess(wrap ? new ChainedPostProcessor(link.processor(), a -> link.input().apply(before.apply(a)))
                    : link.processor());
            if (link.output() != PostProcessorChain.Link.SAME) {
                handedOn = a -> link.output().apply(before.apply(a));
            }
            steps.add(link.output());
        }
        return steps.isEmpty() ? Optional.empty() : Optional.of(new PostProcessorChain(steps));
    }

    private static PostProcessorChain.Link link(Section pp, Builder source, TemplateContext buildCtx,
            MappingContext mapping, List<Problem> problems, DockerTag lastTag) {
        boolean docker = DockerPostProcessorOptions.TYPES.contains(pp.type());
        if (!docker && !pp.type().equals(ManifestOptions.TYPE)) {
            problems.add(new Problem(pp.label(), "post-processor type '" + pp.type()
                    + "' is not supported by Kiln; supported: " + SUPPORTED,
                    "run it after the build from the manifest's artifact id, or build this image with Packer"));
            return null;
        }
        ObjectNode config = Interpolation.render(pp.config(), buildCtx, java.util.Map.of(), pp.label(), problems);
        OptionReader reader = new OptionReader(config, pp.label(), problems);
        if (!docker) {
            return PostProcessorChain.Link.passing(ManifestOptions.map(reader, mapping, pp.label(), problems));
        }
        return DockerPostProcessorOptions.map(pp.type(), reader, mapping, pp.label(), problems, source, lastTag);
    }
}
