package dev.kiln.docker;

import dev.kiln.core.Buildable;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.post.PostProcessor;
import dev.kiln.core.spec.Problem;
import dev.kiln.docker.internal.Engine;
import dev.kiln.docker.internal.ImageNames;
import dev.kiln.docker.internal.ImageOf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Packer's docker-tag post-processor: tags a docker build's committed image as {@code repository:tag} for each
 * tag. Other builders' artifacts are passed over with a line saying so.
 *
 * <pre>{@code
 * spec.postProcess(DockerPostProcessors.tag("127.0.0.1:5000/web").tags("1.0", "latest"));
 * }</pre>
 */
public final class DockerTag implements PostProcessor {
    private final DockerHost host;
    private final String repository;
    private final List<String> tags;

    private DockerTag(Builder b) {
        host = b.host;
        repository = b.repository;
        tags = List.copyOf(b.tags);
    }

    /** Starts a tag post-processor for {@code repository}, tagging {@code latest} unless told otherwise. */
    public static Builder builder(String repository) {
        return new Builder(repository);
    }

    @Override
    public String type() {
        return "docker-tag";
    }

    /** The repository, e.g. {@code registry.example.com/web}. */
    public String repository() {
        return repository;
    }

    /** The tags given to the image. */
    public List<String> tags() {
        return tags;
    }

    @Override
    public List<Problem> validate() {
        return ImageNames.problems(repository, tags);
    }

    @Override
    public void process(BuildContext context, Artifact artifact) throws InterruptedException {
        var image = ImageOf.artifact(context, type(), artifact);
        if (image.isEmpty()) {
            return;
        }
        Engine engine = new Engine(host.socket());
        for (String tag : tags) {
            context.say("Tagging image: " + image.get().imageId() + " as " + repository + ":" + tag);
            engine.json("tag of image " + image.get().imageId(), "POST", "/images/" + image.get().imageId()
                    + "/tag?repo=" + Engine.q(repository) + "&tag=" + Engine.q(tag), null);
        }
    }

    /** Collects a tag post-processor's settings. */
    public static final class Builder implements Buildable<DockerTag> {
        private DockerHost host = DockerHost.fromEnvironment();
        private final String repository;
        private final List<String> tags = new ArrayList<>(List.of("latest"));

        private Builder(String repository) {
            this.repository = repository;
        }

        /** The daemon; default {@link DockerHost#fromEnvironment()}. */
        public Builder host(DockerHost host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The tags, replacing {@code latest}. */
        public Builder tags(String... tags) {
            this.tags.clear();
            this.tags.addAll(List.of(tags));
            return this;
        }

        @Override
        public DockerTag build() {
            return new DockerTag(this);
        }
    }
}
