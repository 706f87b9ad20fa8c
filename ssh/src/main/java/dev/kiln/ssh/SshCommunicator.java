package dev.kiln.ssh;

import com.jcraft.jsch.JSchException;
import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.Communicator;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.TransferListener;
import dev.kiln.ssh.internal.CommandRunner;
import dev.kiln.ssh.internal.Connection;
import dev.kiln.ssh.internal.ReadyWait;
import dev.kiln.ssh.internal.Transfers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands and moves files on one machine over SSH. Keeps one SSH connection and opens a channel per
 * command or transfer; when the connection drops (the machine rebooted), the next call connects again.
 * Transfers use SFTP, or SCP when the server has no SFTP subsystem.
 *
 * <pre>{@code
 * try (SshCommunicator ssh = SshCommunicator.connect(target, System.out::println)) {
 *     CommandResult r = ssh.execute(Command.of("uname -a"), (stream, line) -> System.out.println(line));
 *     ssh.upload(Path.of("site"), "/srv/site", TransferListener.NONE);
 * }
 * }</pre>
 */
public final class SshCommunicator implements Communicator {
    private static final Logger LOG = LoggerFactory.getLogger(SshCommunicator.class);

    private final SshTarget target;
    private final Consumer<String> progress;
    private final Transfers transfers;
    private final Object lock = new Object();
    private Connection connection;
    private boolean closed;

    private SshCommunicator(SshTarget target, Consumer<String> progress, Connection connection) {
        this.target = target;
        this.progress = progress;
        this.connection = connection;
        this.transfers = new Transfers(target);
    }

    /**
     * Connects to {@code target}, retrying until it accepts the login or its ready timeout passes; progress
     * lines go to the log at info level.
     *
     * @throws SshException naming the address, attempts, time spent and last error of each kind
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public static SshCommunicator connect(SshTarget target) throws InterruptedException {
        return connect(target, LOG::info);
    }

    /**
     * Connects to {@code target} like {@link #connect(SshTarget)}, telling {@code progress} what it waits for,
     * e.g. {@code "Waiting for SSH to become available on ec2-user@127.0.0.1:22..."}.
     */
    public static SshCommunicator connect(SshTarget target, Consumer<String> progress) throws InterruptedException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(progress, "progress");
        return new SshCommunicator(target, progress, ReadyWait.connect(target, progress));
    }

    /** The target this communicator logs in to. */
    public SshTarget target() {
        return target;
    }

    /**
     * The host keys that this communicator's connection verified under the target's {@link HostKeyPolicy}, as
     * OpenSSH known_hosts lines holding public keys only: the machine's first, then each bastion's. Another SSH
     * client (OpenSSH run by Ansible) can be held to exactly these keys with {@code StrictHostKeyChecking=yes}
     * and {@code UserKnownHostsFile} set to a file of these lines. Connects again first when the connection was
     * lost.
     *
     * <pre>{@code
     * Files.write(dir.resolve("known_hosts"), ssh.knownHostsLines());
     * }</pre>
     *
     * @throws SshException when the connection was lost and cannot be made again
     */
    public List<String> knownHostsLines() throws InterruptedException {
        return current().knownHostsLines();
    }

    @Override
    public CommandResult execute(Command command, OutputSink output) throws InterruptedException {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(output, "output");
        return withConnection("run `" + command.line() + "`", c -> {
            CommandResult result = CommandRunner.run(c, command, output, target.pty(), openTimeoutMillis());
            if (result.connectionLost()) {
                dropped(c);
            }
            return result;
        });
    }

    @Override
    public void upload(Path source, String destination, TransferListener listener) throws InterruptedException {
        withConnection("upload " + source + " to " + destination, c -> {
            transfers.upload(c, source, destination, listener);
            return null;
        });
    }

    @Override
    public void upload(InputStream source, String destination, int mode, TransferListener listener)
            throws InterruptedException {
        withConnection("upload a stream to " + destination, c -> {
            transfers.upload(c, source, destination, mode, listener);
            return null;
        });
    }

    @Override
    public void download(String source, Path destination, TransferListener listener) throws InterruptedException {
        withConnection("download " + source + " to " + destination, c -> {
            transfers.download(c, source, destination, listener);
            return null;
        });
    }

    @Override
    public void download(String source, OutputStream destination, TransferListener listener)
            throws InterruptedException {
        withConnection("download " + source, c -> {
            transfers.download(c, source, destination, listener);
            return null;
        });
    }

    /** Closes the connection (and any bastion connection). Calling it again does nothing. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    /**
     * Runs {@code call} on the current connection. When a channel cannot be opened because the connection
     * dropped, nothing has started yet: it connects again and retries once.
     */
    private <T> T withConnection(String what, ConnectionCall<T> call) throws InterruptedException {
        Connection c = current();
        try {
            return call.run(c);
        } catch (JSchException e) {
            if (c.isOpen()) {
                throw new SshException(target, "cannot " + what, e);
            }
            dropped(c);
        } catch (IOException e) {
            throw new SshException(target, "cannot " + what, e);
        }
        try {
            return call.run(current());
        } catch (JSchException | IOException e) {
            throw new SshException(target, "cannot " + what, e);
        }
    }

    private Connection current() throws InterruptedException {
        synchronized (lock) {
            if (closed) {
                throw new SshException(target, "the communicator is closed");
            }
            if (connection == null || !connection.isOpen()) {
                if (connection != null) {
                    connection.close();
                    progress.accept("SSH connection to " + target.address() + " was lost; connecting again");
                }
                connection = null;
                connection = ReadyWait.connect(target, progress);
            }
            return connection;
        }
    }

    private void dropped(Connection c) {
        synchronized (lock) {
            c.close();
        }
    }

    private int openTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, target.connectTimeout().toMillis());
    }

    @Override
    public String toString() {
        return "SshCommunicator[" + target.address() + "]";
    }

    @FunctionalInterface
    private interface ConnectionCall<T> {
        T run(Connection connection) throws JSchException, IOException, InterruptedException;
    }
}
