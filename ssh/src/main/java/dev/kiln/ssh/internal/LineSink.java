package dev.kiln.ssh.internal;

import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.OutputStreamKind;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Receives a command's raw output bytes (from JSch's reading thread) and hands complete lines to an
 * {@link OutputSink} as they arrive. An exception from the sink is kept for the caller, never thrown into
 * JSch. Holds at most one line; a line longer than {@link #MAX_LINE} bytes is
 * handed over in pieces, so memory stays bounded whatever the command prints.
 */
final class LineSink extends OutputStream {
    static final int MAX_LINE = 64 * 1024;

    private final OutputStreamKind kind;
    private final OutputSink sink;
    private final Runnable onClose;
    private byte[] line = new byte[256];
    private int length;
    private long bytes;
    private boolean closed;
    private RuntimeException sinkFailure;

    LineSink(OutputStreamKind kind, OutputSink sink, Runnable onClose) {
        this.kind = kind;
        this.sink = sink;
        this.onClose = onClose;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] data, int offset, int count) {
        bytes += count;
        int end = offset + count;
        int from = offset;
        for (int i = offset; i < end; i++) {
            if (data[i] == '\n') {
                append(data, from, i - from);
                emit();
                from = i + 1;
            }
        }
        append(data, from, end - from);
    }

    /** Bytes received so far. */
    synchronized long bytes() {
        return bytes;
    }

    private void append(byte[] data, int offset, int count) {
        while (count > 0) {
            int room = MAX_LINE - length;
            if (room == 0) {
                emit();
                room = MAX_LINE;
            }
            int n = Math.min(room, count);
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, length + n)));
            }
            System.arraycopy(data, offset, line, length, n);
            length += n;
            offset += n;
            count -= n;
        }
    }

    private void emit() {
        int n = length;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        String text = new String(line, 0, n, StandardCharsets.UTF_8);
        length = 0;
        if (sinkFailure != null) {
            return;
        }
        try {
            sink.line(kind, text);
        } catch (RuntimeException e) {
            // Thrown on JSch's reading thread it would end the whole session: keep it for the caller instead.
            sinkFailure = e;
        }
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
        if (length > 0) {
            emit();
        }
        onClose.run();
    }
}
