package dev.kiln.ssh.internal;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import dev.kiln.core.comm.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves files over one SFTP channel. Keeps {@link #BULK_REQUESTS} reads or writes of 32 KiB in flight, enough
 * to fill OpenSSH's 2 MiB channel window on a link with real round trips (JSch's default is 16).
 */
final class SftpTransfer implements Transfer, AutoCloseable {
    static final int BULK_REQUESTS = 64;
    private static final int MODE_BITS = 07777;

    private final ChannelSftp sftp;
    private final Call call;

    private SftpTransfer(ChannelSftp sftp, Call call) {
        this.sftp = sftp;
        this.call = call;
    }

    /**
     * Opens an SFTP channel.
     *
     * @throws NoSftpException when the channel opens but the server refuses the sftp subsystem
     */
    static SftpTransfer open(Call call, int timeoutMillis) throws JSchException, InterruptedException {
        ChannelSftp sftp = (ChannelSftp) call.open("sftp");
        sftp.setBulkRequests(BULK_REQUESTS);
        try {
            sftp.connect(timeoutMillis);
        } catch (JSchException e) {
            sftp.disconnect();
            if (call.connectionOpen()) {
                throw new NoSftpException(e);
            }
            throw e;
        }
        return new SftpTransfer(sftp, call);
    }

    @Override
    public void upload(Path source, String destination, TransferListener progress)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(source)) {
            putFile(source, destination, progress);
            return;
        }
        List<Runnable> directoryModes = new ArrayList<>();
        try (Stream<Path> tree = Files.walk(source)) {
            for (Path local : (Iterable<Path>) tree::iterator) {
                String remote = Remote.join(destination, source.relativize(local));
                if (Files.isDirectory(local)) {
                    makeDirectory(remote);
                    int mode = Modes.of(local);
                    directoryModes.add(0, () -> chmodQuietly(mode, remote));
                } else {
                    putFile(local, remote, progress);
                }
            }
        }
        directoryModes.forEach(Runnable::run);
    }

    @Override
    public void upload(InputStream source, String destination, int mode, TransferListener progress)
            throws IOException, InterruptedException {
        step("upload to " + destination, () -> {
            sftp.put(source, destination, new Progress(progress, destination, -1, call), ChannelSftp.OVERWRITE);
            sftp.chmod(mode, destination);
        });
    }

    @Override
    public void download(String source, Path destination, TransferListener progress)
            throws IOException, InterruptedException {
        SftpATTRS attrs = stat(source);
        if (!attrs.isDir()) {
            getFile(source, attrs, destination, progress);
            return;
        }
        Files.createDirectories(destination);
        List<ChannelSftp.LsEntry> entries = new ArrayList<>();
        step("list " + source, () -> entries.addAll(sftp.ls(source)));
        for (ChannelSftp.LsEntry entry : entries) {
            String name = entry.getFilename();
            if (name.equals(".") || name.equals("..")) {
                continue;
            }
            download(Remote.join(source, name), destination.resolve(name), progress);
        }
        Modes.set(destination, attrs.getPermissions() & MODE_BITS);
    }

    @Override
    public void download(String source, OutputStream destination, TransferListener progress)
            throws IOException, InterruptedException {
        long size = stat(source).getSize();
        step("download of " + source, () -> sftp.get(source, destination,
                new Progress(progress, source, size, call), ChannelSftp.OVERWRITE, 0));
    }

    private void putFile(Path local, String remote, TransferListener progress) throws IOException, InterruptedException {
        int mode = Modes.of(local);
        long size = Files.size(local);
        try (InputStream in = Files.newInputStream(local)) {
            step("upload of " + local + " to " + remote, () -> {
                sftp.put(in, remote, new Progress(progress, remote, size, call), ChannelSftp.OVERWRITE);
                sftp.chmod(mode, remote);
            });
        }
    }

    private void getFile(String remote, SftpATTRS attrs, Path local, TransferListener progress)
            throws IOException, InterruptedException {
        try (OutputStream out = Files.newOutputStream(local)) {
            step("download of " + remote + " to " + local, () -> sftp.get(remote, out,
                    new Progress(progress, remote, attrs.getSize(), call), ChannelSftp.OVERWRITE, 0));
        }
        Modes.set(local, attrs.getPermissions() & MODE_BITS);
    }

    private void makeDirectory(String remote) throws IOException, InterruptedException {
        step("create directory " + remote, () -> {
            try {
                if (sftp.stat(remote).isDir()) {
                    return;
                }
            } catch (SftpException e) {
                if (e.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                    throw e;
                }
            }
            sftp.mkdir(remote);
        });
    }

    private void chmodQuietly(int mode, String remote) {
        try {
            sftp.chmod(mode, remote);
        } catch (SftpException e) {
            throw new UncheckedSftpException("set mode of " + remote, e);
        }
    }

    private SftpATTRS stat(String remote) throws IOException, InterruptedException {
        SftpATTRS[] attrs = new SftpATTRS[1];
        step("read attributes of " + remote, () -> attrs[0] = sftp.stat(remote));
        return attrs[0];
    }

    /**
     * Runs one SFTP step, turning its failure into an IOException that says what failed, and throws
     * {@link InterruptedException} when the call was cancelled meanwhile (a cancelled put or get ends early but
     * without an error).
     */
    private void step(String what, SftpStep step) throws IOException, InterruptedException {
        try {
            step.run();
        } catch (SftpException | UncheckedSftpException e) {
            call.checkCancelled();
            throw new IOException(what + " failed: " + e.getMessage(), e);
        }
        call.checkCancelled();
    }

    @Override
    public void close() {
        sftp.disconnect();
    }

    @FunctionalInterface
    private interface SftpStep {
        void run() throws SftpException;
    }

    /** Carries an SFTP failure out of a lambda. */
    private static final class UncheckedSftpException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedSftpException(String what, SftpException cause) {
            super(what + ": " + cause.getMessage(), cause);
        }
    }
}
