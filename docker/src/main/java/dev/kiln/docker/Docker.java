package dev.kiln.docker;

import dev.kiln.core.Buildable;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.builder.Machine;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import dev.kiln.docker.internal.DockerBuild;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Packer's docker builder in Java: runs a container from an image, hands it to the provisioners through a
 * {@link DockerCommunicator} (the Docker Engine API, no SSH), then commits it to an image (with
 * {@link Builder#changes changes} such as {@code CMD} applied), exports its file system to a tar file, or
 * discards it. The container carries the labels {@code dev.kiln.temporary=true}, {@code dev.kiln.session},
 * {@code dev.kiln.source} and {@code dev.kiln.created}, and is removed when the build ends, whether it
 * succeeded, failed or was cancelled; {@link DockerJanitor} removes what a killed build left.
 *
 * <p>A committed image is labelled {@code dev.kiln.fingerprint} (and {@code dev.kiln.temporary=false}) and
 * tagged {@code kiln/IMAGE:FINGERPRINT12}, so that it is not dangling, {@code skipIfExists} finds it, and an
 * untagged image with Kiln's labels is known to be a killed build's. Containers get no network
 * ({@code networkMode("none")}) unless the configuration asks for one.
 *
 * <pre>{@code
 * Docker docker = Docker.builder()
 *     .image("debian:bookworm")
 *     .commit(true)
 *     .changes("CMD [\"/opt/app/bin/app\"]", "EXPOSE 8080", "LABEL team=web")
 *     .build();
 * }</pre>
 */
public final class Docker implements dev.kiln.core.builder.Builder {
    /** The builder type, as in Packer's manifest. */
    public static final String TYPE = "docker";
    /** The instructions {@code changes} may use, as {@code docker commit --change} takes them. */
    public static final Set<String> CHANGE_INSTRUCTIONS = Set.of("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL",
            "ONBUILD", "USER", "VOLUME", "WORKDIR");

    private final String name;
    private final DockerHost host;
    private final String image;
    private final String imageFromImage;
    private final boolean pull;
    private final boolean commit;
    private final Path exportPath;
    private final boolean discard;
    private final List<String> changes;
    private final List<String> runCommand;
    private final Map<String, String> volumes;
    private final boolean privileged;
    private final List<String> capAdd;
    private final String execUser;
    private final String author;
    private final String message;
    private final RegistryLogin login;
    private final String networkMode;
    private final boolean skipIfExists;

    private Docker(Builder b) {
        name = b.name;
        host = b.host;
        image = b.image;
        imageFromImage = b.imageFromImage;
        pull = b.pull;
        commit = b.commit;
        exportPath = b.exportPath;
        discard = b.discard;
        changes = List.copyOf(b.changes);
        runCommand = List.copyOf(b.runCommand);
        volumes = Collections.unmodifiableMap(new LinkedHashMap<>(b.volumes));
        privileged = b.privileged;
        capAdd = List.copyOf(b.capAdd);
        execUser = b.execUser;
        author = b.author;
        message = b.message;
        login = b.login;
        networkMode = b.networkMode;
        skipIfExists = b.skipIfExists;
    }

    /** Starts a configuration with Packer's defaults (pull the image, run {@code /bin/sh}) and no network. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.host = host;
        b.image = image;
        b.imageFromImage = imageFromImage;
        b.pull = pull;
        b.commit = commit;
        b.exportPath = exportPath;
        b.discard = discard;
        b.changes.addAll(changes);
        b.runCommand = new ArrayList<>(runCommand);
        b.volumes.putAll(volumes);
        b.privileged = privileged;
        b.capAdd.addAll(capAdd);
        b.execUser = execUser;
        b.author = author;
        b.message = message;
        b.login = login;
        b.networkMode = networkMode;
        b.skipIfExists = skipIfExists;
        return b;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The daemon to build on. */
    public DockerHost host() {
        return host;
    }

    /** The base image, e.g. {@code debian:bookworm}; or use {@link #imageFromImage()}. */
    public String image() {
        return image;
    }

    /** The {@code ImagePipeline} image whose committed image is the base image; or use {@link #image()}. */
    public String imageFromImage() {
        return imageFromImage;
    }

    /** Whether the base image is pulled first (Packer's default: true). */
    public boolean pull() {
        return pull;
    }

    /** Whether the container is committed to an image. */
    public boolean commit() {
        return commit;
    }

    /** The tar file the container's file system is exported to, or null. */
    public Path exportPath() {
        return exportPath;
    }

    /** Whether the container is thrown away after provisioning (a build for its side effects). */
    public boolean discard() {
        return discard;
    }

    /** Dockerfile instructions applied when committing, e.g. {@code CMD ["nginx"]}. */
    public List<String> changes() {
        return changes;
    }

    /** The command the container runs while it is provisioned; by default {@code /bin/sh} kept waiting on stdin. */
    public List<String> runCommand() {
        return runCommand;
    }

    /** Host paths mounted into the container: host path to container path. */
    public Map<String, String> volumes() {
        return volumes;
    }

    /** Whether the container runs privileged. */
    public boolean privileged() {
        return privileged;
    }

    /** Linux capabilities added to the container, e.g. {@code SYS_ADMIN}. */
    public List<String> capAdd() {
        return capAdd;
    }

    /** The user provisioners' commands run as; empty for the image's user. */
    public String execUser() {
        return execUser;
    }

    /** The committed image's author, or null. */
    public String author() {
        return author;
    }

    /** The commit message, or null. */
    public String message() {
        return message;
    }

    /** The credentials for pulling the base image, or null. */
    public RegistryLogin login() {
        return login;
    }

    /** The container's network mode; {@code none} unless set. */
    public String networkMode() {
        return networkMode;
    }

    /** Whether an image with the same fingerprint is reused instead of built. */
    public boolean skipIfExists() {
        return skipIfExists;
    }

    @Override
    public List<Problem> validate() {
        return new DockerValidation(this).problems();
    }

    /** The image named by {@link #imageFromImage()}, if any: the pipeline builds it first. */
    @Override
    public Set<String> upstreamImages() {
        return imageFromImage == null ? Set.of() : Set.of(imageFromImage);
    }

    /**
     * Adds what determines the image: the base image (or the upstream image's name), the outcome (commit or
     * export), the changes, run command, volumes, privileges, capabilities, exec user, author and message. Not
     * the daemon, the credentials or the network mode.
     */
    @Override
    public void fingerprint(Fingerprinter f) {
        f.put("docker.image", image);
        if (imageFromImage != null) {
            f.put("docker.imageFromImage", imageFromImage);
        }
        f.put("docker.outcome", commit ? "commit" : discard ? "discard" : "export");
        f.put("docker.changes", String.join("\n", changes));
        f.put("docker.runCommand", String.join("\0", runCommand));
        f.put("docker.volumes", volumes.toString());
        f.put("docker.privileged", String.valueOf(privileged));
        f.put("docker.capAdd", String.join(",", new TreeSet<>(capAdd)));
        f.put("docker.execUser", execUser);
        f.put("docker.author", author);
        f.put("docker.message", message);
    }

    /** With {@link #skipIfExists()}: the newest tagged image labelled with this build's fingerprint. */
    @Override
    public Optional<Artifact> findExisting(BuildContext context) throws Exception {
        if (!skipIfExists) {
            return Optional.empty();
        }
        return new DockerBuild(this, context).findExisting();
    }

    @Override
    public Machine launch(BuildContext context) throws Exception {
        return new DockerBuild(this, context).launch();
    }

    @Override
    public Artifact capture(BuildContext context, Machine machine) throws Exception {
        return new DockerBuild(this, context).capture(machine);
    }

    @Override
    public String toString() {
        return "Docker{name=" + name + ", host=" + host + ", image=" + image + ", imageFromImage=" + imageFromImage
                + ", commit=" + commit + ", exportPath=" + exportPath + ", discard=" + discard + ", login=" + login
                + "}";
    }

    /** Collects a docker configuration; {@link #build()} does not validate (see {@link Docker#validate()}). */
    public static final class Builder implements Buildable<Docker> {
        private String name = TYPE;
        private DockerHost host = DockerHost.fromEnvironment();
        private String image;
        private String imageFromImage;
        private boolean pull = true;
        private boolean commit;
        private Path exportPath;
        private boolean discard;
        private final List<String> changes = new ArrayList<>();
        private List<String> runCommand = List.of("/bin/sh");
        private final Map<String, String> volumes = new LinkedHashMap<>();
        private boolean privileged;
        private final List<String> capAdd = new ArrayList<>();
        private String execUser = "";
        private String author;
        private String message;
        private RegistryLogin login;
        private String networkMode = "none";
        private boolean skipIfExists;

        private Builder() {
        }

        /** The source's name within the spec; default {@code docker}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The daemon; default {@link DockerHost#fromEnvironment()}. */
        public Builder host(DockerHost host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The base image, e.g. {@code debian:bookworm} or an image id. */
        public Builder image(String image) {
            this.image = image;
            return this;
        }

        /** Starts from the committed image of another image of the {@code ImagePipeline}, which is built first. */
        public Builder imageFromImage(String imageName) {
            this.imageFromImage = imageName;
            return this;
        }

        /** Whether to pull the base image first; default true. Set false for an image that only exists locally. */
        public Builder pull(boolean pull) {
            this.pull = pull;
            return this;
        }

        /** Commits the container to an image. */
        public Builder commit(boolean commit) {
            this.commit = commit;
            return this;
        }

        /** Exports the container's file system to this tar file. */
        public Builder exportPath(Path exportPath) {
            this.exportPath = exportPath;
            return this;
        }

        /** Throws the container away after provisioning. */
        public Builder discard(boolean discard) {
            this.discard = discard;
            return this;
        }

        /** Adds Dockerfile instructions applied on commit, e.g. {@code ENV PORT=8080}. */
        public Builder changes(String... changes) {
            this.changes.addAll(List.of(changes));
            return this;
        }

        /** The command the container runs while provisioned (entrypoint and arguments); default {@code /bin/sh}. */
        public Builder runCommand(String... command) {
            this.runCommand = List.of(command);
            return this;
        }

        /** Mounts a host path into the container. */
        public Builder volume(String hostPath, String containerPath) {
            this.volumes.put(hostPath, containerPath);
            return this;
        }

        /** Runs the container privileged. */
        public Builder privileged(boolean privileged) {
            this.privileged = privileged;
            return this;
        }

        /** Adds Linux capabilities, e.g. {@code NET_ADMIN}. */
        public Builder capAdd(String... capabilities) {
            this.capAdd.addAll(List.of(capabilities));
            return this;
        }

        /** The user provisioners' commands run as, e.g. {@code app} or {@code 1000:1000}. */
        public Builder execUser(String user) {
            this.execUser = user;
            return this;
        }

        /** The committed image's author. */
        public Builder author(String author) {
            this.author = author;
            return this;
        }

        /** The commit message. */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** Credentials for pulling the base image. */
        public Builder login(RegistryLogin login) {
            this.login = login;
            return this;
        }

        /** The container's network mode, e.g. {@code bridge}; default {@code none}. */
        public Builder networkMode(String networkMode) {
            this.networkMode = networkMode;
            return this;
        }

        /** Reuses a committed image with the same fingerprint instead of building one. */
        public Builder skipIfExists(boolean skipIfExists) {
            this.skipIfExists = skipIfExists;
            return this;
        }

        @Override
        public Docker build() {
            return new Docker(this);
        }
    }
}
