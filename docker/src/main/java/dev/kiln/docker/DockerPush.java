package dev.kiln.docker;

import dev.kiln.core.Buildable;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.post.PostProcessor;
import dev.kiln.core.spec.Problem;
import dev.kiln.docker.internal.Engine;
import dev.kiln.docker.internal.ImageNames;
import dev.kiln.docker.internal.ImageOf;
import dev.kiln.docker.internal.RegistryAuth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Packer's docker-push post-processor: pushes {@code repository:tag} for each tag to its registry, with
 * {@link RegistryLogin} credentials when the registry wants them. Put a {@link DockerTag} with the same
 * repository and tags before it. Other builders' artifacts are passed over with a line saying so.
 *
 * <pre>{@code
 * spec.postProcess(DockerPostProcessors.tag("127.0.0.1:5000/web").tags("1.0"))
 *     .postProcess(DockerPostProcessors.push("127.0.0.1:5000/web").tags("1.0")
 *         .login(RegistryLogin.of("127.0.0.1:5000", "ci", Secret.of(password))));
 * }</pre>
 */
public final class DockerPush implements PostProcessor {
    private final DockerHost host;
    private final String repository;
    private final List<String> tags;
    private final RegistryLogin login;

    private DockerPush(Builder b) {
        host = b.host;
        repository = b.repository;
        tags = List.copyOf(b.tags);
        login = b.login;
    }

    /** Starts a push post-processor for {@code repository}, pushing {@code latest} unless told otherwise. */
    public static Builder builder(String repository) {
        return new Builder(repository);
    }

    @Override
    public String type() {
        return "docker-push";
    }

    /** The repository pushed, e.g. {@code 127.0.0.1:5000/web}. */
    public String repository() {
        return repository;
    }

    /** The tags pushed. */
    public List<String> tags() {
        return tags;
    }

    /** The registry credentials, or null. */
    public RegistryLogin login() {
        return login;
    }

    @Override
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>(ImageNames.problems(repository, tags));
        if (login != null && login.password().isEmpty()) {
            problems.add(new Problem("login.password", "is empty", "give the password as Secret.of(...)"));
        }
        return problems;
    }

    @Override
    public void process(BuildContext context, Artifact artifact) throws InterruptedException {
        if (login != null) {
            context.redact(login.password());
        }
        if (ImageOf.artifact(context, type(), artifact).isEmpty()) {
            return;
        }
        Engine engine = new Engine(host.socket());
        Map<String, String> auth = login != null ? RegistryAuth.header(login) : Map.of("X-Registry-Auth", "e30=");
        for (String tag : tags) {
            context.say("Pushing: " + repository + ":" + tag);
            engine.stream("push of " + repository + ":" + tag, "POST", "/images/" + repository + "/push?tag="
                    + Engine.q(tag), auth, message -> {
                        if (message.hasNonNull("status") && !message.has("progressDetail")) {
                            context.detail(message.get("status").asText());
                        }
                    });
        }
    }

    /** Collects a push post-processor's settings. */
    public static final class Builder implements Buildable<DockerPush> {
        private DockerHost host = DockerHost.fromEnvironment();
        private final String repository;
        private final List<String> tags = new ArrayList<>(List.of("latest"));
        private RegistryLogin login;

        private Builder(String repository) {
            this.repository = repository;
        }

        /** The daemon; default {@link DockerHost#fromEnvironment()}. */
        public Builder host(DockerHost host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The tags to push, replacing {@code latest}. */
        public Builder tags(String... tags) {
            this.tags.clear();
            this.tags.addAll(List.of(tags));
            return this;
        }

        /** The registry's credentials. */
        public Builder login(RegistryLogin login) {
            this.login = login;
            return this;
        }

        @Override
        public DockerPush build() {
            return new DockerPush(this);
        }
    }
}
