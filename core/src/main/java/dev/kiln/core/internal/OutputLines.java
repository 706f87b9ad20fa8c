package dev.kiln.core.internal;

import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.OutputStreamKind;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a command's raw output bytes into the lines an {@link OutputSink} receives: split at {@code \n}, a
 * trailing {@code \r} removed, decoded as UTF-8, and a line longer than {@link #MAX_LINE} bytes handed over in
 * pieces so that memory stays bounded. {@link #close()} hands over a last line that has no terminator. Not
 * thread-safe: one writer per stream.
 *
 * <pre>{@code
 * try (OutputLines out = new OutputLines(OutputStreamKind.STDOUT, sink)) {
 *     out.write(bytes, 0, n);
 * }
 * }</pre>
 */
public final class OutputLines extends OutputStream {
    /** The longest line handed over whole, in bytes. */
    public static final int MAX_LINE = 64 * 1024;

    private final OutputStreamKind kind;
    private final OutputSink sink;
    private byte[] line = new byte[256];
    private int length;

    /** Lines of {@code kind} go to {@code sink}. */
    public OutputLines(OutputStreamKind kind, OutputSink sink) {
        this.kind = kind;
        this.sink = sink;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int count) {
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

    private void append(byte[] data, int offset, int count) {
        while (count > 0) {
            if (length == MAX_LINE) {
                emit();
            }
            int n = Math.min(MAX_LINE - length, count);
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
        int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        length = 0;
        sink.line(kind, new String(line, 0, n, StandardCharsets.UTF_8));
    }

    /** Hands over the last line if it had no terminator. */
    @Override
    public void close() {
        if (length > 0) {
            emit();
        }
    }
}
