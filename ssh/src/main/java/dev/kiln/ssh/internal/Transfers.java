package dev.kiln.ssh.internal;

import com.jcraft.jsch.JSchException;
import dev.kiln.core.comm.TransferListener;
import dev.kiln.ssh.SshTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks how to move files for one target: SFTP on a fresh channel per operation, or SCP once the server
 * turned out to have no SFTP subsystem (remembered for the rest of the communicator's life). Each operation is a
 * {@link Call}: an interrupt stops it at once.
 */
public final class Transfers {
    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);

    private final SshTarget target;
    private volatile boolean noSftp;

    public Transfers(SshTarget target) {
        this.target = target;
    }

    /** Uploads a file or tree. */
    public void upload(Connection c, Path source, String destination, TransferListener listener)
            throws JSchException, IOException, InterruptedException {
        with(c, t -> t.upload(source, destination, listener));
    }

    /** Uploads a stream. */
    public void upload(Connection c, InputStream source, String destination, int mode, TransferListener listener)
            throws JSchException, IOException, InterruptedException {
        with(c, t -> t.upload(source, destination, mode, listener));
    }

    /** Downloads a file or tree. */
    public void download(Connection c, String source, Path destination, TransferListener listener)
            throws JSchException, IOException, InterruptedException {
        with(c, t -> t.download(source, destination, listener));
    }

    /** Downloads a file into a stream. */
    public void download(Connection c, String source, OutputStream destination, TransferListener listener)
            throws JSchException, IOException, InterruptedException {
        with(c, t -> t.download(source, destination, listener));
    }

    private void with(Connection c, TransferCall transfer) throws JSchException, IOException, InterruptedException {
        Call.run(c, "transfer", call -> {
            with(call, transfer);
            return null;
        });
    }

    private void with(Call call, TransferCall transfer) throws JSchException, IOException, InterruptedException {
        int timeout = (int) Math.min(Integer.MAX_VALUE, target.connectTimeout().toMillis());
        if (!noSftp) {
            try (SftpTransfer sftp = SftpTransfer.open(call, timeout)) {
                transfer.run(sftp);
                return;
            } catch (NoSftpException e) {
                LOG.info("{} has no SFTP subsystem; using SCP for transfers", target.address());
                LOG.debug("SFTP refused", e);
                noSftp = true;
            }
        }
        transfer.run(new ScpTransfer(call, timeout));
    }

    @FunctionalInterface
    private interface TransferCall {
        void run(Transfer transfer) throws IOException, InterruptedException, JSchException;
    }
}
