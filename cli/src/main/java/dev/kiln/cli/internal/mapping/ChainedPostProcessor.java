package dev.kiln.cli.internal.mapping;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.post.PostProcessor;
import dev.kiln.core.spec.Problem;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A post-processor of a Packer chain: Kiln hands every post-processor the builder's artifact, so this one first
 * turns it into what the post-processors before it in the chain would have handed on in Packer.
 *
 * <pre>{@code
 * PostProcessor manifest = new ChainedPostProcessor(ManifestOptions.map(...), chainSoFar);
 * }</pre>
 */
final class ChainedPostProcessor implements PostProcessor {
    private final PostProcessor processor;
    private final UnaryOperator<Artifact> input;

    /** {@code processor}, given {@code input} applied to the builder's artifact. */
    ChainedPostProcessor(PostProcessor processor, UnaryOperator<Artifact> input) {
        this.processor = processor;
        this.input = input;
    }

    @Override
    public String type() {
        return processor.type();
    }

    @Override
    public List<Problem> validate() {
        return processor.validate();
    }

    @Override
    public void process(BuildContext context, Artifact artifact) throws Exception {
        processor.process(context, input.apply(artifact));
    }

    @Override
    public String toString() {
        return processor.toString();
    }
}
