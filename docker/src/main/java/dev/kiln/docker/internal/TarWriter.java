package dev.kiln.docker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a POSIX tar stream (ustar headers, with a PAX header for names longer than ustar holds), as the
 * Docker daemon's archive endpoint reads it. Entries are owned by root; modes are the files' own.
 *
 * <pre>{@code
 * TarWriter tar = new TarWriter(out);
 * tar.tree(Path.of("site"), "www");   // www/, www/index.html, ...
 * tar.finish();
 * }</pre>
 */
public final class TarWriter {
    private static final int BLOCK = 512;
    private static final byte[] ZEROS = new byte[BLOCK];

    private final OutputStream out;
    private final Progress progress;

    /** Told how many bytes of a file were written. */
    @FunctionalInterface
    public interface Progress {
        /** Reports progress on the entry {@code name}. */
        void progress(String name, long written, long total);
    }

    /** A writer with no progress reports. */
    public TarWriter(OutputStream out) {
        this(out, (name, written, total) -> { });
    }

    /** A writer that reports each file's progress. */
    public TarWriter(OutputStream out, Progress progress) {
        this.out = out;
        this.progress = progress;
    }

    /**
     * Adds a local file, or a directory with everything under it, as the entry {@code name} (a relative path).
     * Symbolic links are followed, as an SFTP upload does.
     */
    public void tree(Path source, String name) throws IOException {
        if (!Files.isDirectory(source)) {
            file(source, name);
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(source)) {
            paths = walk.toList();
        }
        for (Path local : paths) {
            String relative = source.relativize(local).toString().replace(local.getFileSystem().getSeparator(), "/");
            String entry = relative.isEmpty() ? name : name + "/" + relative;
            if (Files.isDirectory(local)) {
                header(entry + "/", Modes.of(local), 0, '5', Files.getLastModifiedTime(local).toMillis() / 1000);
            } else {
                file(local, entry);
            }
        }
    }

    private void file(Path local, String name) throws IOException {
        try (InputStream in = Files.newInputStream(local)) {
            file(name, Modes.of(local), Files.size(local), Files.getLastModifiedTime(local).toMillis() / 1000, in);
        }
    }

    /** Adds a regular file of {@code size} bytes read from {@code in}. */
    public void file(String name, int mode, long size, long mtimeSeconds, InputStream in) throws IOException {
        header(name, mode, size, '0', mtimeSeconds);
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        while (written < size) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - written));
            if (n < 0) {
                throw new IOException(name + " ended after " + written + " of " + size + " bytes");
            }
            out.write(buffer, 0, n);
            written += n;
            progress.progress(name, written, size);
        }
        pad(size);
    }

    /** Ends the archive with two empty blocks. */
    public void finish() throws IOException {
        out.write(ZEROS);
        out.write(ZEROS);
        out.flush();
    }

    private void header(String name, int mode, long size, char type, long mtime) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            byte[] pax = paxRecord("path", name);
            writeHeader("././@PaxHeader", 0644, pax.length, 'x', mtime);
            out.write(pax);
            pad(pax.length);
            nameBytes = Arrays.copyOf(nameBytes, 100);
        }
        writeHeader(new String(nameBytes, StandardCharsets.UTF_8), mode, size, type, mtime);
    }

    private void writeHeader(String name, int mode, long size, char type, long mtime) throws IOException {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, mode & 07777);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, Math.max(0, mtime));
        h[156] = (byte) type;
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(h, 265, 32, "root".getBytes(StandardCharsets.US_ASCII));
        put(h, 297, 32, "root".getBytes(StandardCharsets.US_ASCII));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, h, 148, 8);
        out.write(h);
    }

    private static byte[] paxRecord(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = body + String.valueOf(body).length();
        if (String.valueOf(length).length() != String.valueOf(body).length()) {
            length = body + String.valueOf(length).length();
        }
        return (length + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(ZEROS, 0, BLOCK - rest);
        }
    }

    private static void put(byte[] h, int offset, int length, byte[] value) {
        System.arraycopy(value, 0, h, offset, Math.min(length, value.length));
    }

    private static void octal(byte[] h, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String field = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        put(h, offset, length - 1, field.getBytes(StandardCharsets.US_ASCII));
    }
}
