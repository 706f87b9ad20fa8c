package dev.kiln.core.comm;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * How Kiln reaches a machine: runs commands and moves files. One communicator serves one machine and is
 * reused for every command and transfer of a build.
 *
 * <p>Every blocking call returns promptly with {@link InterruptedException} when its thread is interrupted.
 * Failures are unchecked {@link CommunicatorException}s. A communicator whose connection dropped (for
 * example because the machine rebooted) connects again on its next call.
 *
 * <pre>{@code
 * CommandResult result = communicator.execute(Command.of("uname -a"), (stream, line) -> log.info(line));
 * communicator.upload(Path.of("site"), "/srv/site", TransferListener.NONE);
 * }</pre>
 */
public interface Communicator extends AutoCloseable {

    /**
     * Runs a command, streaming its stdout and stderr to {@code output} line by line as they arrive.
     *
     * @return the exit status, or a result saying the connection was lost before the command ended
     * @throws CommandTimeoutException when the command's timeout passes; the command is stopped
     */
    CommandResult execute(Command command, OutputSink output) throws InterruptedException;

    /**
     * Uploads a local file or a whole directory tree, keeping file modes. The destination is the remote path
     * the file or directory gets.
     */
    void upload(Path source, String destination, TransferListener progress) throws InterruptedException;

    /** Uploads a stream to a remote file with the given POSIX mode (for example {@code 0644}). */
    void upload(InputStream source, String destination, int mode, TransferListener progress)
            throws InterruptedException;

    /** Downloads a remote file or a whole directory tree to a local path, keeping file modes. */
    void download(String source, Path destination, TransferListener progress) throws InterruptedException;

    /** Downloads a remote file into a stream. The stream is not closed. */
    void download(String source, OutputStream destination, TransferListener progress) throws InterruptedException;

    /** Closes the connection. Calling it again does nothing. */
    @Override
    void close();
}
