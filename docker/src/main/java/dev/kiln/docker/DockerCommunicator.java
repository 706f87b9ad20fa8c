package dev.kiln.docker;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.Communicator;
import dev.kiln.core.comm.CommunicatorException;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.TransferListener;
import dev.kiln.docker.internal.Archives;
import dev.kiln.docker.internal.Engine;
import dev.kiln.docker.internal.ExecCall;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The communicator of a running container, on the Docker Engine API: a command runs as
 * {@code docker exec CONTAINER /bin/sh -c LINE} would run it (its output streamed line by line, its exit status
 * the one {@code docker exec} reports), and files and directory trees move through the archive endpoints as tar
 * streams, keeping modes. Each call opens its own connection to the daemon's socket, so calls from several
 * threads don't wait for each other and an interrupt ends just the call it hits.
 *
 * <pre>{@code
 * try (DockerCommunicator c = DockerCommunicator.of(DockerHost.fromEnvironment(), containerId, "")) {
 *     c.execute(Command.of("cat /etc/os-release"), (stream, line) -> System.out.println(line));
 *     c.upload(Path.of("site"), "/srv/site", TransferListener.NONE);
 * }
 * }</pre>
 */
public final class DockerCommunicator implements Communicator {
    private final Engine engine;
    private final String container;
    private final String user;
    private final Archives archives;

    private DockerCommunicator(Engine engine, String container, String user) {
        this.engine = engine;
        this.container = container;
        this.user = user;
        this.archives = new Archives(engine, container);
    }

    /**
     * A communicator for a running container.
     *
     * @param host the daemon
     * @param containerId the container's id or name
     * @param user the user commands run as ({@code docker exec --user}); empty for the image's user
     */
    public static DockerCommunicator of(DockerHost host, String containerId, String user) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(user, "user");
        return new DockerCommunicator(new Engine(host.socket()), containerId, user);
    }

    /** The container's id. */
    public String containerId() {
        return container;
    }

    @Override
    public CommandResult execute(Command command, OutputSink output) throws InterruptedException {
        return call(() -> ExecCall.run(engine, container, user, command, output));
    }

    @Override
    public void upload(Path source, String destination, TransferListener progress) throws InterruptedException {
        call(() -> {
            archives.upload(source, destination, progress);
            return null;
        });
    }

    @Override
    public void upload(InputStream source, String destination, int mode, TransferListener progress)
            throws InterruptedException {
        call(() -> {
            archives.upload(source, destination, mode, progress);
            return null;
        });
    }

    @Override
    public void download(String source, Path destination, TransferListener progress) throws InterruptedException {
        call(() -> {
            archives.download(source, destination, progress);
            return null;
        });
    }

    @Override
    public void download(String source, OutputStream destination, TransferListener progress)
            throws InterruptedException {
        call(() -> {
            archives.download(source, destination, progress);
            return null;
        });
    }

    /** A daemon's refusal reaches provisioners as the {@link CommunicatorException} every communicator throws. */
    private static <T> T call(EngineCall<T> call) throws InterruptedException {
        try {
            return call.run();
        } catch (DockerException e) {
            throw new CommunicatorException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface EngineCall<T> {
        T run() throws InterruptedException;
    }

    /** Nothing to close: every call had its own connection. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "DockerCommunicator{container=" + ExecCall.short12(container) + ", user=" + user + "}";
    }
}
