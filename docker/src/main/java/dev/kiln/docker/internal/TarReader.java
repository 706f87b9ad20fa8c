package dev.kiln.docker.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream entry by entry as the Docker daemon writes it (Go's archive/tar: ustar headers, PAX
 * extended headers for long names and large sizes, GNU long names).
 *
 * <pre>{@code
 * TarReader tar = new TarReader(in);
 * for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
 *     if (e.isFile()) { tar.content().transferTo(out); }
 * }
 * }</pre>
 */
public final class TarReader {
    private static final int BLOCK = 512;

    private final InputStream in;
    private long unread;
    private int padding;

    /** Reads from {@code in}, which it does not close. */
    public TarReader(InputStream in) {
        this.in = in;
    }

    /**
     * One entry's header.
     *
     * @param name the path, without a trailing slash
     * @param mode the mode bits
     * @param size the content's size in bytes
     * @param type the ustar type flag: {@code '0'} file, {@code '5'} directory, {@code '2'} symbolic link,
     *     {@code '1'} hard link
     * @param linkName the target of a link, else empty
     */
    public record Entry(String name, int mode, long size, char type, String linkName) {
        /** True for a regular file. */
        public boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        /** True for a directory. */
        public boolean isDirectory() {
            return type == '5';
        }
    }

    /** The next entry, or null at the end of the archive; skips what was left unread of the previous one. */
    public Entry next() throws IOException {
        skipRest();
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        String longLink = null;
        while (true) {
            byte[] h = in.readNBytes(BLOCK);
            if (h.length == 0) {
                return null;
            }
            if (h.length < BLOCK) {
                throw new EOFException("the tar stream ended inside a header");
            }
            if (allZero(h)) {
                return null;
            }
            char type = (char) h[156];
            long size = number(h, 124, 12);
            if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                byte[] data = in.readNBytes((int) size);
                skip(padding(size));
                String text = new String(data, StandardCharsets.UTF_8);
                if (type == 'x') {
                    pax.putAll(paxRecords(text));
                } else if (type == 'L') {
                    longName = text.replace("\0", "");
                } else if (type == 'K') {
                    longLink = text.replace("\0", "");
                }
                continue;
            }
            String name = longName != null ? longName : ustarName(h);
            name = pax.getOrDefault("path", name);
            String link = pax.getOrDefault("linkpath", longLink != null ? longLink : string(h, 157, 100));
            if (pax.containsKey("size")) {
                size = Long.parseLong(pax.get("size"));
            }
            while (name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
            Entry entry = new Entry(name, (int) number(h, 100, 8) & 07777, size, type, link);
            unread = entry.isFile() ? size : 0;
            padding = entry.isFile() ? padding(size) : 0;
            if (!entry.isFile()) {
                skip(size + padding(size));
            }
            return entry;
        }
    }

    /** The current entry's content; read it before calling {@link #next()} again. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (unread <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, unread));
                if (n < 0) {
                    throw new EOFException("the tar stream ended inside a file");
                }
                unread -= n;
                return n;
            }
        };
    }

    private void skipRest() throws IOException {
        skip(unread + padding);
        unread = 0;
        padding = 0;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the tar stream ended early");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static int padding(long size) {
        int rest = (int) (size % BLOCK);
        return rest == 0 ? 0 : BLOCK - rest;
    }

    private static Map<String, String> paxRecords(String text) {
        Map<String, String> records = new HashMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            int equals = line.indexOf('=', space + 1);
            if (space > 0 && equals > space) {
                records.put(line.substring(space + 1, equals), line.substring(equals + 1));
            }
        }
        return records;
    }

    private static String ustarName(byte[] h) {
        String name = string(h, 0, 100);
        String magic = string(h, 257, 6);
        String prefix = magic.startsWith("ustar") ? string(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String string(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long number(byte[] h, int offset, int length) {
        if ((h[offset] & 0x80) != 0) {
            long value = 0;
            for (int i = offset + 1; i < offset + length; i++) {
                value = (value << 8) | (h[i] & 0xff);
            }
            return value;
        }
        String digits = string(h, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    private static boolean allZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
