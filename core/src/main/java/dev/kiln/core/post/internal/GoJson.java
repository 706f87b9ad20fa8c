package dev.kiln.core.post.internal;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Prints JSON byte for byte as Go's {@code json.MarshalIndent(v, "", "  ")} does, which is how Packer writes
 * {@code manifest.json}: {@code "key": value}, two-space indent, {@code []} and {@code {}} for empty
 * containers, no trailing newline, and Go's escaping ({@code <}, {@code >} and {@code &} as unicode
 * escapes 003c, 003e and 0026; other control characters as lowercase unicode escapes).
 *
 * <p>Values are {@code null}, {@link String}, {@link Number}, {@link Boolean}, {@link List} and {@link Map}
 * (printed in the map's iteration order).
 *
 * <pre>{@code
 * String json = GoJson.print(Map.of("builds", List.of()));   // {\n  "builds": []\n}
 * }</pre>
 */
public final class GoJson {
    private static final String HEX = "0123456789abcdef";

    private GoJson() {
    }

    /** The value as Go would indent it. */
    public static String print(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(out, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            container(out, map.entrySet().iterator(), indent, '{', '}', (entry, inner) -> {
                quote(out, String.valueOf(entry.getKey()));
                out.append(": ");
                write(out, entry.getValue(), inner);
            });
        } else if (value instanceof List<?> list) {
            container(out, list.iterator(), indent, '[', ']', (item, inner) -> write(out, item, inner));
        } else {
            throw new IllegalArgumentException("cannot print a " + value.getClass().getName() + " as JSON");
        }
    }

    private interface ItemWriter<T> {
        void write(T item, String indent);
    }

    private static <T> void container(StringBuilder out, Iterator<T> items, String indent, char open, char close,
            ItemWriter<T> writer) {
        out.append(open);
        if (!items.hasNext()) {
            out.append(close);
            return;
        }
        String inner = indent + "  ";
        while (items.hasNext()) {
            out.append('\n').append(inner);
            writer.write(items.next(), inner);
            if (items.hasNext()) {
                out.append(',');
            }
        }
        out.append('\n').append(indent).append(close);
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(out, c);
                default -> {
                    if (c < 0x20) {
                        unicode(out, c);
                    } else if (Character.isSurrogate(c)) {
                        i = surrogate(out, s, i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Keeps a valid surrogate pair; replaces a lone surrogate with U+FFFD as Go does for invalid UTF-8. */
    private static int surrogate(StringBuilder out, String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(i + 1));
            return i + 1;
        }
        unicode(out, '\ufffd');
        return i;
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) {
            out.append(HEX.charAt((c >> shift) & 0xf));
        }
    }
}
