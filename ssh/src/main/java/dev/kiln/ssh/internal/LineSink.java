package dev.kiln.ssh.internal;

import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.internal.OutputLines;
import java.io.OutputStream;

/**
 * Receives a command's raw output bytes (from JSch's reading thread) and hands complete lines to an
 * {@link OutputSink} as they arrive, split by {@link OutputLines}. An exception from the sink is kept for the
 * caller, never thrown into JSch. Holds at most one line; a line longer than {@link #MAX_LINE} bytes is
 * handed over in pieces, so memory stays bounded whatever the command prints.
 */
final class LineSink extends OutputStream {
    static final int MAX_LINE = OutputLines.MAX_LINE;

    private final OutputLines lines;
    private final Runnable onClose;
    private long bytes;
    private boolean closed;
    private RuntimeException sinkFailure;

    LineSink(OutputStreamKind kind, OutputSink sink, Runnable onClose) {
        this.onClose = onClose;
        this.lines = new OutputLines(kind, (stream, line) -> {
            if (sinkFailure != null) {
                return;
            }
            try {
                sink.line(stream, line);
            } catch (RuntimeException e) {
                // Thrown on JSch's reading thread it would end the whole session: keep it for the caller instead.
                sinkFailure = e;
            }
        });
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] data, int offset, int count) {
        bytes += count;
        lines.write(data, offset, count);
    }

    /** Bytes received so far. */
    synchronized long bytes() {
        return bytes;
    }

    /** The exception the sink threw, if it threw one; it receives no more lines after that. */
    synchronized RuntimeException sinkFailure() {
        return sinkFailure;
    }

    /** Hands over a last line without terminator. Called by JSch at end of stream; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        lines.close();
        onClose.run();
    }
}
