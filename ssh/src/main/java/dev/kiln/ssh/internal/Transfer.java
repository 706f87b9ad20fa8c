package dev.kiln.ssh.internal;

import com.jcraft.jsch.JSchException;
import dev.kiln.core.comm.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/** One way of moving files over a connection: SFTP, or SCP when the server has no SFTP subsystem. */
public interface Transfer {

    /** Uploads a file or a directory tree so that it becomes {@code destination}, keeping modes. */
    void upload(Path source, String destination, TransferListener progress)
            throws IOException, InterruptedException, JSchException;

    /** Uploads a stream to a remote file with {@code mode}. */
    void upload(InputStream source, String destination, int mode, TransferListener progress)
            throws IOException, InterruptedException, JSchException;

    /** Downloads a remote file or directory tree so that it becomes {@code destination}, keeping modes. */
    void download(String source, Path destination, TransferListener progress)
            throws IOException, InterruptedException, JSchException;

    /** Downloads a remote file into a stream, leaving the stream open. */
    void download(String source, OutputStream destination, TransferListener progress)
            throws IOException, InterruptedException, JSchException;
}
