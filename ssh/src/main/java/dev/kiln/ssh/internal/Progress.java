package dev.kiln.ssh.internal;

import com.jcraft.jsch.SftpProgressMonitor;
import dev.kiln.core.comm.TransferListener;

/**
 * Reports one file's progress to a {@link TransferListener}, and tells the transfer to stop once its call is
 * cancelled.
 */
final class Progress implements SftpProgressMonitor {
    private final TransferListener listener;
    private final String remotePath;
    private final long total;
    private final Call call;
    private long transferred;

    Progress(TransferListener listener, String remotePath, long total, Call call) {
        this.listener = listener;
        this.remotePath = remotePath;
        this.total = total;
        this.call = call;
    }

    @Override
    public void init(int op, String src, String dest, long max) {
        listener.progress(remotePath, 0, total);
    }

    /** Records {@code count} more bytes moved; false when the transfer should stop. */
    @Override
    public boolean count(long count) {
        transferred += count;
        listener.progress(remotePath, transferred, total);
        return !call.cancelled();
    }

    @Override
    public void end() {
        // The last count() already reported the final size.
    }
}
