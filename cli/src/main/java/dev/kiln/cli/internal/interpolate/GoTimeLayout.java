package dev.kiln.cli.internal.interpolate;

import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Formats a time with a Go reference-time layout ({@code Mon Jan 2 15:04:05 MST 2006}), as the Go
 * {@code time.Format} of Debian's Packer 1.6.6 does (the oracle of the tests), day of the year ({@code 002},
 * {@code __2}) and comma fractions ({@code ,000}) included: {@code 2006-01-02T15:04:05Z07:00} gives
 * {@code 2026-11-26T07:30:00Z}. Anything in the layout that is not a reference element is copied.
 *
 * <pre>{@code
 * GoTimeLayout.format(OffsetDateTime.now(ZoneOffset.UTC), "20060102-1504"); // "20261126-0730"
 * }</pre>
 */
public final class GoTimeLayout {
    /** Go's time.RFC3339, isotime's layout when it is given none. */
    public static final String RFC3339 = "2006-01-02T15:04:05Z07:00";

    private GoTimeLayout() {
    }

    /** {@code time} as {@code layout} shows it. */
    public static String format(OffsetDateTime time, String layout) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            int used = element(time, layout, i, out);
            if (used == 0) {
                out.append(layout.charAt(i));
                i++;
            } else {
                i += used;
            }
        }
        return out.toString();
    }

    /** Appends the element starting at {@code i}, if one does, and returns its length; 0 when there is none. */
    private static int element(OffsetDateTime t, String layout, int i, StringBuilder out) {
        String rest = layout.substring(i);
        switch (rest.charAt(0)) {
            case 'J':
                if (rest.startsWith("January")) {
                    return append(out, t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), 7);
                }
                if (rest.startsWith("Jan")) {
                    return append(out, t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), 3);
                }
                return 0;
            case 'M':
                if (rest.startsWith("Monday")) {
                    return append(out, t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), 6);
                }
                if (rest.startsWith("Mon")) {
                    return append(out, t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), 3);
                }
                if (rest.startsWith("MST")) {
                    return append(out, zoneName(t), 3);
                }
                return 0;
            case '0':
                if (rest.length() > 1 && rest.charAt(1) >= '1' && rest.charAt(1) <= '6') {
                    int[] values = {t.getMonthValue(), t.getDayOfMonth(), hour12(t), t.getMinute(), t.getSecond(),
                        t.getYear() % 100};
                    return append(out, twoDigits(values[rest.charAt(1) - '1']), 2);
                }
                if (rest.startsWith("002")) {
                    return append(out, String.format("%03d", t.getDayOfYear()), 3);
                }
                return 0;
            case '1':
                if (rest.startsWith("15")) {
                    return append(out, twoDigits(t.getHour()), 2);
                }
                return append(out, Integer.toString(t.getMonthValue()), 1);
            case '2':
                if (rest.startsWith("2006")) {
                    return append(out, String.format("%04d", t.getYear()), 4);
                }
                return append(out, Integer.toString(t.getDayOfMonth()), 1);
            case '_':
                if (rest.startsWith("_2") && !rest.startsWith("_2006")) {
                    return append(out, String.format("%2d", t.getDayOfMonth()), 2);
                }
                if (rest.startsWith("__2")) {
                    return append(out, String.format("%3d", t.getDayOfYear()), 3);
                }
                return 0;
            case '3':
                return append(out, Integer.toString(hour12(t)), 1);
            case '4':
                return append(out, Integer.toString(t.getMinute()), 1);
            case '5':
                return append(out, Integer.toString(t.getSecond()), 1);
            case 'P':
                return rest.startsWith("PM") ? append(out, t.getHour() >= 12 ? "PM" : "AM", 2) : 0;
            case 'p':
                return rest.startsWith("pm") ? append(out, t.getHour() >= 12 ? "pm" : "am", 2) : 0;
            case '-':
            case 'Z':
                return zone(t, rest, out);
            case '.':
            case ',':
                return fraction(t, rest, out);
            default:
                return 0;
        }
    }

    private static final String[] ZONE_LAYOUTS = {"070000", "07:00:00", "0700", "07:00", "07"};

    private static int zone(OffsetDateTime t, String rest, StringBuilder out) {
        for (String layout : ZONE_LAYOUTS) {
            if (rest.startsWith(layout, 1)) {
                int seconds = t.getOffset().getTotalSeconds();
                if (rest.charAt(0) == 'Z' && seconds == 0) {
                    out.append('Z');
                    return layout.length() + 1;
                }
                int abs = Math.abs(seconds);
                String sep = layout.contains(":") ? ":" : "";
                out.append(seconds < 0 ? '-' : '+').append(twoDigits(abs / 3600));
                if (layout.length() > 2) {
                    out.append(sep).append(twoDigits(abs / 60 % 60));
                }
                if (layout.length() > 5) {
                    out.append(sep).append(twoDigits(abs % 60));
                }
                return layout.length() + 1;
            }
        }
        return 0;
    }

    /**
     * {@code .000} (fixed digits) or {@code .999} (trailing zeros dropped), or the same after a comma, when no
     * digit follows the run; the separator is kept.
     */
    private static int fraction(OffsetDateTime t, String rest, StringBuilder out) {
        if (rest.length() < 2 || (rest.charAt(1) != '0' && rest.charAt(1) != '9')) {
            return 0;
        }
        char digit = rest.charAt(1);
        int end = 1;
        while (end < rest.length() && rest.charAt(end) == digit) {
            end++;
        }
        if (end < rest.length() && Character.isDigit(rest.charAt(end))) {
            return 0;
        }
        int digits = Math.min(end - 1, 9);
        String nanos = String.format("%09d", t.getNano()).substring(0, digits);
        if (digit == '9') {
            nanos = nanos.replaceAll("0+$", "");
            if (!nanos.isEmpty()) {
                out.append(rest.charAt(0)).append(nanos);
            }
        } else {
            out.append(rest.charAt(0)).append(nanos);
        }
        return end;
    }

    private static String zoneName(OffsetDateTime t) {
        int seconds = t.getOffset().getTotalSeconds();
        if (seconds == 0) {
            return "UTC";
        }
        int abs = Math.abs(seconds);
        return (seconds < 0 ? "-" : "+") + twoDigits(abs / 3600) + twoDigits(abs / 60 % 60);
    }

    private static int hour12(OffsetDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static String twoDigits(int value) {
        return String.format("%02d", value);
    }

    private static int append(StringBuilder out, String text, int used) {
        out.append(text);
        return used;
    }
}
