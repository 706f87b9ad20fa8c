package dev.kiln.core.comm;

/**
 * Receives a command's output line by line, as the lines arrive. Line terminators are removed.
 * Called from the communicator's reading thread; implementations must be thread-safe.
 */
@FunctionalInterface
public interface OutputSink {
    /** A sink that drops every line. */
    OutputSink DISCARD = (stream, line) -> { };

    /** Receives one line from {@code stream}. */
    void line(OutputStreamKind stream, String line);
}
