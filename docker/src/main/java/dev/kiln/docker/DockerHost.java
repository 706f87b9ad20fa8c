package dev.kiln.docker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the Docker daemon listens: its Unix socket. Kiln talks to the Engine API there directly, with no
 * {@code docker} command and no TCP.
 *
 * <pre>{@code
 * DockerHost local = DockerHost.fromEnvironment();            // DOCKER_HOST=unix:///..., else /var/run/docker.sock
 * DockerHost test = DockerHost.unixSocket(Path.of("/tmp/d/docker.sock"));
 * }</pre>
 */
public final class DockerHost {
    /** The socket the Docker daemon listens on by default. */
    public static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private final Path socket;
    private final String problem;

    private DockerHost(Path socket, String problem) {
        this.socket = socket;
        this.problem = problem;
    }

    /** The daemon listening on {@code socket}. */
    public static DockerHost unixSocket(Path socket) {
        return new DockerHost(Objects.requireNonNull(socket, "socket"), null);
    }

    /**
     * The daemon the {@code docker} command would use: {@code DOCKER_HOST} when it names a Unix socket
     * ({@code unix:///path}), else {@link #DEFAULT_SOCKET}. A {@code DOCKER_HOST} of another kind (e.g.
     * {@code tcp://}) is reported by the builder's validation.
     */
    public static DockerHost fromEnvironment() {
        return fromValue(System.getenv("DOCKER_HOST"));
    }

    static DockerHost fromValue(String dockerHost) {
        if (dockerHost == null || dockerHost.isBlank()) {
            return unixSocket(DEFAULT_SOCKET);
        }
        if (dockerHost.startsWith("unix://")) {
            return unixSocket(Path.of(dockerHost.substring("unix://".length())));
        }
        return new DockerHost(DEFAULT_SOCKET, "DOCKER_HOST is " + dockerHost + ", which is not a unix:// socket");
    }

    /** The daemon's Unix socket. */
    public Path socket() {
        return socket;
    }

    /** Why this host can't be used, or null when it can. */
    String problem() {
        return problem;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DockerHost h && socket.equals(h.socket) && Objects.equals(problem, h.problem);
    }

    @Override
    public int hashCode() {
        return socket.hashCode();
    }

    @Override
    public String toString() {
        return "unix://" + socket;
    }
}
