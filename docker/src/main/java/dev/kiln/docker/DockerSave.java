package dev.kiln.docker;

import dev.kiln.core.Buildable;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.post.PostProcessor;
import dev.kiln.core.spec.Problem;
import dev.kiln.docker.internal.Engine;
import dev.kiln.docker.internal.ImageOf;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Packer's docker-save post-processor: writes a docker build's committed image, with its tags, to a tar file
 * that {@code docker load} reads. The file appears whole or not at all. Other builders' artifacts are passed
 * over with a line saying so.
 *
 * <pre>{@code
 * spec.postProcess(DockerPostProcessors.save(Path.of("web.tar")));
 * }</pre>
 */
public final class DockerSave implements PostProcessor {
    private final DockerHost host;
    private final Path path;

    private DockerSave(Builder b) {
        host = b.host;
        path = b.path;
    }

    /** Starts a save post-processor writing to {@code path}. */
    public static Builder builder(Path path) {
        return new Builder(path);
    }

    @Override
    public String type() {
        return "docker-save";
    }

    /** The tar file written. */
    public Path path() {
        return path;
    }

    @Override
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        if (path == null) {
            problems.add(new Problem("path", "is null", "name a tar file, e.g. Path.of(\"image.tar\")"));
        } else if (Files.isDirectory(path)) {
            problems.add(new Problem("path", "is a directory: " + path, "name a file, e.g. image.tar"));
        } else if (!Files.isDirectory(path.toAbsolutePath().getParent())) {
            problems.add(new Problem("path", "is in " + path.toAbsolutePath().getParent() + ", which is not a directory",
                    "create the directory first or name a file in an existing one"));
        }
        return problems;
    }

    @Override
    public void process(BuildContext context, Artifact artifact) throws Exception {
        var image = ImageOf.artifact(context, type(), artifact);
        if (image.isEmpty()) {
            return;
        }
        Path target = path.toAbsolutePath();
        context.say("Saving image " + image.get().imageId() + " to " + target);
        StringBuilder names = new StringBuilder();
        for (String name : image.get().tags().isEmpty() ? List.of(image.get().imageId()) : image.get().tags()) {
            names.append(names.length() == 0 ? "" : "&").append("names=").append(Engine.q(name));
        }
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        try {
            new Engine(host.socket()).call("save of image " + image.get().imageId(), "GET", "/images/get?" + names,
                    Map.of(), null, (InputStream in) -> Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Collects a save post-processor's settings. */
    public static final class Builder implements Buildable<DockerSave> {
        private DockerHost host = DockerHost.fromEnvironment();
        private final Path path;

        private Builder(Path path) {
            this.path = path;
        }

        /** The daemon; default {@link DockerHost#fromEnvironment()}. */
        public Builder host(DockerHost host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        @Override
        public DockerSave build() {
            return new DockerSave(this);
        }
    }
}
