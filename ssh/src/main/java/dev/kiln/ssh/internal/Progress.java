package dev.kiln.ssh.internal;

import com.jcraft.jsch.SftpProgressMonitor;
import dev.kiln.core.comm.TransferListener;

/** Reports one file's progress to a {@link TransferListener}, and stops the transfer when the thread is interrupted. */
final class Progress implements SftpProgressMonitor {
    private final TransferListener listener;
    private final String remotePath;
    private final long total;
    private long transferred;

    Progress(TransferListener listener, String remotePath, long total) {
        this.listener = listener;
        this.remotePath = remotePath;
        this.total = total;
    }

    @Override
    public void init(int op, String src, String dest, long max) {
        listener.progress(remotePath, 0, total);
    }

    @Override
    public boolean count(long count) {
        add(count);
        return !Thread.currentThread().isInterrupted();
    }

    /** Records {@code count} more bytes moved. */
    void add(long count) {
        transferred += count;
        listener.progress(remotePath, transferred, total);
    }

    @Override
    public void end() {
        // The last count() already reported the final size.
    }
}
