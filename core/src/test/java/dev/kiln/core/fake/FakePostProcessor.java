package dev.kiln.core.fake;

import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.post.PostProcessor;
import dev.kiln.core.spec.Problem;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A post-processor of the given type that hands each artifact to {@code onProcess}.
 *
 * @param type its type, as step names show it
 * @param onProcess what it does with each source's artifact
 */
public record FakePostProcessor(String type, BiConsumer<BuildContext, Artifact> onProcess) implements PostProcessor {

    @Override
    public List<Problem> validate() {
        return List.of();
    }

    @Override
    public void process(BuildContext context, Artifact artifact) {
        onProcess.accept(context, artifact);
    }
}
