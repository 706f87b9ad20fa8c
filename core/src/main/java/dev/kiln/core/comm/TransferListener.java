package dev.kiln.core.comm;

/**
 * Told how a transfer progresses. Called from the transferring thread.
 */
@FunctionalInterface
public interface TransferListener {
    /** A listener that ignores progress. */
    TransferListener NONE = (path, transferred, total) -> { };

    /**
     * Reports progress on one file.
     *
     * @param path the remote path of the file being moved
     * @param transferred bytes moved so far for this file
     * @param total the file's size, or -1 when unknown
     */
    void progress(String path, long transferred, long total);
}
