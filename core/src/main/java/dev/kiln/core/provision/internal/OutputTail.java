package dev.kiln.core.provision.internal;

import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.OutputStreamKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the last lines of a command's output, so that a failure can show them. Thread-safe.
 *
 * <pre>{@code
 * OutputTail tail = new OutputTail(20);
 * communicator.execute(command, tail);
 * String last = tail.text();
 * }</pre>
 */
public final class OutputTail implements OutputSink {
    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    /** Keeps at most {@code capacity} lines. */
    public OutputTail(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void line(OutputStreamKind stream, String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The lines kept, oldest first. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
