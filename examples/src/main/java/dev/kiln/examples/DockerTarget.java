package dev.kiln.examples;

import dev.kiln.docker.Docker;
import dev.kiln.docker.DockerHost;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the chain's container images build: this computer's Docker daemon, from a base image imported locally
 * ({@link LocalDockerBase}), since no registry is reachable. Its containers get no network ({@code --network
 * none}, the docker source's default), and its images are found again by their fingerprint labels, so a second
 * run reuses them.
 *
 * <pre>{@code
 * Optional<String> missing = DockerTarget.missing();        // one line saying what to install or start
 * DockerTarget docker = DockerTarget.local(DockerTarget.DEMO_BASE_IMAGE);
 * Docker.Builder base = docker.docker().image(docker.baseImage());
 * }</pre>
 */
public final class DockerTarget {
    /** The demo's base image, imported on the first run. */
    public static final String DEMO_BASE_IMAGE = "kiln-demo/base-os:1";

    private final DockerHost host;
    private final String baseImage;

    private DockerTarget(DockerHost host, String baseImage) {
        this.host = host;
        this.baseImage = baseImage;
    }

    /**
     * Why the container images can't be built here, in one line that says what to install or start; empty when
     * the daemon answers and busybox is there to make the base image of.
     */
    public static Optional<String> missing() throws InterruptedException {
        String skipped = "the container images are skipped: ";
        if (!Files.isExecutable(LocalDockerBase.BUSYBOX)) {
            return Optional.of(skipped + "their base image is made of " + LocalDockerBase.BUSYBOX
                    + ", which is missing (install the Debian package busybox-static)");
        }
        HostCommand.Output version;
        try {
            version = HostCommand.run("docker", "version", "--format", "{{.Server.Version}}");
        } catch (UncheckedIOException e) {
            return Optional.of(skipped + "Docker is not installed (install the Debian package docker.io, then run "
                    + "./demo as root, which starts dockerd)");
        }
        if (!version.succeeded()) {
            return Optional.of(skipped + "no Docker daemon answers at " + DockerHost.fromEnvironment()
                    + " (start it: sudo dockerd --bridge=none --iptables=false, or run ./demo as root)");
        }
        return Optional.empty();
    }

    /**
     * {@link #local} when Docker is there; else empty, after printing to {@code out} the line of {@link #missing()}.
     */
    public static Optional<DockerTarget> ifAvailable(String baseImage, PrintStream out) throws InterruptedException {
        Optional<String> missing = missing();
        if (missing.isPresent()) {
            out.println("==> Docker: " + missing.get());
            return Optional.empty();
        }
        return Optional.of(local(baseImage));
    }

    /** The daemon of {@code DOCKER_HOST} (else {@code /var/run/docker.sock}), with {@code baseImage} imported. */
    public static DockerTarget local(String baseImage) throws InterruptedException {
        LocalDockerBase.ensure(Objects.requireNonNull(baseImage, "baseImage"));
        return new DockerTarget(DockerHost.fromEnvironment(), baseImage);
    }

    /** The daemon. */
    public DockerHost host() {
        return host;
    }

    /** The locally imported image the chain's first image starts from. */
    public String baseImage() {
        return baseImage;
    }

    /**
     * A docker source with everything the target decides: the daemon, no pull (the base image exists only here),
     * commit, skip-if-exists. The caller adds where it starts from ({@code image} or {@code imageFromImage}).
     */
    public Docker.Builder docker() {
        return Docker.builder().host(host).pull(false).commit(true).skipIfExists(true);
    }

    /**
     * Removes the images of the repositories {@code kiln/<image>} (what Kiln tagged for those images of the
     * chain, downstream ones first), then {@code baseImage}, so that the next run builds everything again.
     */
    public static void removeImages(String baseImage, String... images) throws InterruptedException {
        for (String image : images) {
            String tags = HostCommand.ok("docker", "image", "ls", "--format", "{{.Repository}}:{{.Tag}}",
                    "kiln/" + image);
            for (String tag : tags.lines().filter(t -> !t.isBlank()).toList()) {
                HostCommand.ok("docker", "image", "rm", tag);
            }
        }
        HostCommand.run("docker", "image", "rm", baseImage);
    }

    @Override
    public String toString() {
        return "Docker at " + host + " (base image " + baseImage + ")";
    }
}
