package dev.kiln.core.run.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats a duration as Packer prints build times: the two largest non-zero units, spelled out, e.g.
 * {@code 1 minute 2 seconds} or {@code 6 milliseconds 312 microseconds}.
 *
 * <pre>{@code
 * PackerDuration.format(Duration.ofSeconds(62));   // "1 minute 2 seconds"
 * }</pre>
 */
public final class PackerDuration {
    private PackerDuration() {
    }

    /** The duration in words. */
    public static String format(Duration duration) {
        long[] amounts = {duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart(),
            duration.toMillisPart(), duration.toNanosPart() / 1000 % 1000};
        String[] units = {"hour", "minute", "second", "millisecond", "microsecond"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < amounts.length && parts.size() < 2; i++) {
            if (amounts[i] != 0) {
                parts.add(amounts[i] + " " + units[i] + (amounts[i] == 1 ? "" : "s"));
            }
        }
        return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
    }
}
