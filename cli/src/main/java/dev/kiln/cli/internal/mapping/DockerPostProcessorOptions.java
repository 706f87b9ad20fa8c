package dev.kiln.cli.internal.mapping;

import dev.kiln.cli.internal.template.OptionReader;
import dev.kiln.core.Secret;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.Builder;
import dev.kiln.core.post.PostProcessor;
import dev.kiln.core.spec.Problem;
import dev.kiln.docker.Docker;
import dev.kiln.docker.DockerImage;
import dev.kiln.docker.DockerPostProcessors;
import dev.kiln.docker.DockerPush;
import dev.kiln.docker.DockerSave;
import dev.kiln.docker.DockerTag;
import dev.kiln.docker.RegistryLogin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Packer's {@code docker-tag} ({@code repository}, {@code tags} and the older {@code tag}, {@code force}),
 * {@code docker-push} ({@code login}, {@code login_server}, {@code login_username}, {@code login_password} as a
 * {@link Secret}) and {@code docker-save} ({@code path}) onto {@link DockerPostProcessors}, with what each hands
 * on in its chain as in Packer: docker-push pushes the names the docker-tag before it gave, docker-save saves the
 * image under the chain's current name (the image id right after the builder).
 *
 * <pre>{@code
 * PostProcessorChain.Link tag = DockerPostProcessorOptions.map("docker-tag", reader, mapping, label, problems,
 *         source, null);
 * }</pre>
 */
final class DockerPostProcessorOptions {
    /** The docker post-processor types Kiln maps. */
    static final Set<String> TYPES = Set.of("docker-tag", "docker-push", "docker-save");

    private static final String COMMON = "and type, name, only, except, keep_input_artifact";

    private DockerPostProcessorOptions() {
    }

    /**
     * The post-processor of a supported {@code type} for a build whose source is {@code source}.
     *
     * @param lastTag the docker-tag before it in its chain, or null; docker-push pushes its names
     */
    static PostProcessorChain.Link map(String type, OptionReader o, MappingContext mapping, String label,
            List<Problem> problems, Builder source, DockerTag lastTag) {
        committed(type, source, label, problems);
        PostProcessorChain.Link link = switch (type) {
            case "docker-tag" -> tag(o);
            case "docker-push" -> push(o, label, problems, lastTag);
            default -> save(o, mapping);
        };
        if (type.equals("docker-push") && lastTag == null) {
            return link; // its repository comes from the docker-tag it lacks, which is the problem reported
        }
        link.processor().validate().forEach(p -> problems.add(PackerNames.rename(
                new Problem(p.field().replace("login.", "login_"), p.problem(), p.fix()), label, Map.of())));
        return link;
    }

    /** A docker post-processor works on a committed docker image; Packer's fail on any other artifact. */
    private static void committed(String type, Builder source, String label, List<Problem> problems) {
        if (source == null) {
            return; // a builder Kiln lacks, reported as such
        }
        if (!(source instanceof Docker docker)) {
            problems.add(new Problem(label, type + " runs on build '" + source.name() + "', a " + source.type()
                    + " build, whose artifact Packer's " + type + " refuses when the build ends (Unknown artifact "
                    + "type)", "limit it to the docker builds with \"only\", or add \"except\": [\"" + source.name()
                    + "\"]"));
        } else if (!docker.commit()) {
            problems.add(new Problem(label, type + " needs a committed image, and build '" + source.name()
                    + "' exports or discards its container", "set \"commit\": true on the builder"));
        }
    }

    private static PostProcessorChain.Link tag(OptionReader o) {
        AtomicReference<String> repository = new AtomicReference<>("");
        List<String> tags = new ArrayList<>();
        o.string("repository", repository::set);
        o.stringList("tags", tags::addAll);
        o.stringList("tag", tags::addAll);
        // Packer passes force on only to a docker older than 1.12, which still refused to move a tag without it;
        // the Engine API moves a tag whatever it is
        o.bool("force", force -> { });
        o.reportUnread("the docker-tag post-processor", "repository, tags, tag, force, " + COMMON);
        DockerTag.Builder b = DockerPostProcessors.tag(repository.get());
        if (!tags.isEmpty()) {
            b.tags(tags.toArray(String[]::new));
        }
        String repo = repository.get();
        List<String> names = tags.stream().map(t -> repo + ":" + t).toList();
        String id = names.isEmpty() ? repo : names.get(names.size() - 1);
        return new PostProcessorChain.Link(b.build(), DockerPostProcessorOptions::image,
                artifact -> chained(artifact, PackerArtifact.DOCKER_TAG, id, names), false);
    }

    private static PostProcessorChain.Link push(OptionReader o, String label, List<Problem> problems,
            DockerTag lastTag) {
        Optional<RegistryLogin> login = RegistryLoginOptions.read(o);
        o.bool("ecr_login", ecr -> {
            if (ecr) {
                o.problem("ecr_login", "is true, but Kiln has no Amazon ECR login",
                        "log in with login, login_server, login_username and login_password, or push with Packer");
            }
        });
        o.reportUnread("the docker-push post-processor", "login, login_server, login_username, login_password, "
                + "ecr_login (false), " + COMMON);
        if (lastTag == null) {
            problems.add(new Problem(label, "docker-push has no docker-tag before it in its chain, so it would push "
                    + "the bare image id", "put a docker-tag with the repository and tags to push before it, in the "
                    + "same chain: [ {\"type\": \"docker-tag\", ...}, {\"type\": \"docker-push\"} ]"));
        }
        DockerPush.Builder b = DockerPostProcessors.push(lastTag == null ? "" : lastTag.repository());
        if (lastTag != null) {
            b.tags(lastTag.tags().toArray(String[]::new));
        }
        login.ifPresent(b::login);
        return new PostProcessorChain.Link(b.build(), DockerPostProcessorOptions::image,
                artifact -> chained(artifact, PackerArtifact.DOCKER_IMPORT, artifact.id(),
                        artifact instanceof ChainedDockerImage c ? c.tags() : List.of()), false);
    }

    private static PostProcessorChain.Link save(OptionReader o, MappingContext mapping) {
        AtomicReference<String> path = new AtomicReference<>();
        o.string("path", path::set);
        o.reportUnread("the docker-save post-processor", "path, " + COMMON);
        DockerSave save = DockerPostProcessors.save(path.get() == null ? null : mapping.resolve(path.get())).build();
        return new PostProcessorChain.Link(save, DockerPostProcessorOptions::savedName, PostProcessorChain.Link.SAME,
                true);
    }

    /** The committed image behind what the chain handed on, for Kiln's docker post-processors. */
    private static Artifact image(Artifact artifact) {
        return artifact instanceof ChainedDockerImage c ? c.image() : artifact;
    }

    /** The image under the one name Packer's docker-save gives {@code docker save}: the chain's current id. */
    private static Artifact savedName(Artifact artifact) {
        if (artifact instanceof ChainedDockerImage c) {
            return DockerImage.committed(c.image().imageId(), List.of(c.id()));
        }
        if (artifact instanceof DockerImage d && d.imageId() != null) {
            return DockerImage.committed(d.imageId(), List.of());
        }
        return artifact;
    }

    private static Artifact chained(Artifact artifact, String builderId, String id, List<String> tags) {
        Artifact image = image(artifact);
        return image instanceof DockerImage d ? new ChainedDockerImage(d, builderId, id, tags) : artifact;
    }
}
