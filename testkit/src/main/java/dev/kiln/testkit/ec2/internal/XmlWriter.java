package dev.kiln.testkit.ec2.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.function.BiConsumer;

/** Writes an EC2 XML response body: nested elements, {@code ...Set/item} lists and tag sets. */
public final class XmlWriter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private final StringBuilder xml = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();

    /** Opens the root element with a namespace. */
    public XmlWriter root(String name, String namespace) {
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(name);
        if (namespace != null) {
            xml.append(" xmlns=\"").append(namespace).append('"');
        }
        xml.append('>');
        open.push(name);
        return this;
    }

    public XmlWriter start(String name) {
        xml.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    public XmlWriter end() {
        xml.append("</").append(open.pop()).append('>');
        return this;
    }

    /** A leaf element; nothing is written when {@code value} is null. */
    public XmlWriter value(String name, Object value) {
        if (value != null) {
            xml.append('<').append(name).append('>');
            escape(String.valueOf(value));
            xml.append("</").append(name).append('>');
        }
        return this;
    }

    /** A timestamp as EC2 writes it, e.g. {@code 2018-10-08T19:04:52.000Z}; nothing when null. */
    public XmlWriter time(String name, Instant time) {
        return time == null ? this : value(name, TIME.format(time));
    }

    /** An EC2 list: {@code <setName><item>...</item>...</setName>}. */
    public <T> XmlWriter items(String setName, Collection<T> items, BiConsumer<XmlWriter, T> item) {
        start(setName);
        for (T each : items) {
            start("item");
            item.accept(this, each);
            end();
        }
        return end();
    }

    /** An EC2 {@code tagSet}. */
    public XmlWriter tags(Map<String, String> tags) {
        return items("tagSet", tags.entrySet(), (w, tag) -> w.value("key", tag.getKey()).value("value", tag.getValue()));
    }

    /** Closes every open element and returns the document. */
    public String finish() {
        while (!open.isEmpty()) {
            end();
        }
        return xml.toString();
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                default -> xml.append(c);
            }
        }
    }
}
