package dev.kiln.cli.internal.command;

import dev.kiln.cli.internal.interpolate.GoTimeLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * {@code -timestamp-ui}: every line written starts with the time it was written, as Packer's
 * {@code 2026-11-26T07:30:00Z: ==> amazon-ebs: ...}.
 *
 * <pre>{@code
 * PrintStream out = new PrintStream(new TimestampedLines(System.out, Clock.systemUTC()), true);
 * }</pre>
 */
final class TimestampedLines extends OutputStream {
    private final OutputStream out;
    private final Clock clock;
    private boolean atLineStart = true;

    /** Lines to {@code out}, stamped with {@code clock}'s time. */
    TimestampedLines(OutputStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (atLineStart) {
            String stamp = GoTimeLayout.format(clock.instant().atOffset(ZoneOffset.UTC), GoTimeLayout.RFC3339) + ": ";
            out.write(stamp.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        out.write(b);
        atLineStart = b == '\n';
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }
}
