package dev.kiln.cli.internal.template;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Parses a duration as Go's {@code time.ParseDuration} does: a sequence of decimal numbers, each with a unit
 * ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}), with an optional sign, e.g.
 * {@code 1h30m}, {@code 2.5s} or {@code 0}.
 *
 * <pre>{@code
 * GoDuration.parse("1m30s"); // PT1M30S
 * }</pre>
 */
public final class GoDuration {
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * The duration {@code text} stands for.
     *
     * @throws IllegalArgumentException with Go's message, e.g. {@code time: invalid duration "5x"}
     */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".")) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
            }
            Long nanos = NANOS.get(unit);
            if (nanos == null) {
                throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            }
            total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(nanos)));
        }
        long nanos = total.longValue();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
}
