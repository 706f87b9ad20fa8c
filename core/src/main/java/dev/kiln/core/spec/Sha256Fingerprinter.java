package dev.kiln.core.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@link Fingerprinter} behind {@link ImageSpec#fingerprint()}: a SHA-256 over tagged, length-prefixed
 * records, so that moving bytes from one field into the next always changes the result.
 *
 * <p>A file is recorded by its bytes; a directory by every entry below it, sorted by relative path (with
 * {@code /} separators), each with its kind, executable bit and bytes. Local absolute paths, timestamps and
 * owners are never recorded, so the same content in another directory or on another machine gives the same
 * fingerprint.
 *
 * <pre>{@code
 * Sha256Fingerprinter f = new Sha256Fingerprinter();
 * f.put("amiName", "web").putFile("script", Path.of("setup.sh"));
 * String hex = f.hex();
 * }</pre>
 */
public final class Sha256Fingerprinter implements Fingerprinter {
    private static final byte TEXT = 'T';
    private static final byte ABSENT = 'N';
    private static final byte BYTES = 'B';
    private static final byte FILE = 'F';
    private static final byte DIRECTORY = 'D';
    private static final byte ENTRY_FILE = 'f';
    private static final byte ENTRY_DIRECTORY = 'd';

    private final MessageDigest digest;

    /** Starts an empty fingerprint. */
    public Sha256Fingerprinter() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public Sha256Fingerprinter put(String field, String value) {
        if (value == null) {
            record(ABSENT, field);
        } else {
            record(TEXT, field);
            chunk(value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    @Override
    public Sha256Fingerprinter put(String field, byte[] bytes) {
        record(BYTES, field);
        chunk(bytes);
        return this;
    }

    @Override
    public Sha256Fingerprinter putFile(String field, Path file) {
        try {
            if (Files.isDirectory(file)) {
                record(DIRECTORY, field);
                putTree(file);
            } else {
                record(FILE, field);
                putContent(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " for the fingerprint", e);
        }
        return this;
    }

    /** The fingerprint so far as lowercase hex; further puts continue from the same state. */
    public String hex() {
        try {
            MessageDigest copy = (MessageDigest) digest.clone();
            return HexFormat.of().formatHex(copy.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests can be cloned", e);
        }
    }

    private void putTree(Path root) throws IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(root)) {
            entries = walk.filter(p -> !p.equals(root))
                    .sorted((a, b) -> relative(root, a).compareTo(relative(root, b)))
                    .collect(Collectors.toList());
        }
        number(entries.size());
        for (Path entry : entries) {
            boolean directory = Files.isDirectory(entry);
            digest.update(directory ? ENTRY_DIRECTORY : ENTRY_FILE);
            chunk(relative(root, entry).getBytes(StandardCharsets.UTF_8));
            if (!directory) {
                digest.update((byte) (executable(entry) ? 1 : 0));
                putContent(entry);
            }
        }
    }

    /** The owner's execute bit where POSIX modes exist, so the answer does not depend on who runs the build. */
    private static boolean executable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
        }
        return Files.isExecutable(file);
    }

    private static String relative(Path root, Path entry) {
        StringBuilder out = new StringBuilder();
        for (Path part : root.relativize(entry)) {
            out.append(out.length() == 0 ? "" : "/").append(part);
        }
        return out.toString();
    }

    private void putContent(Path file) throws IOException {
        number(Files.size(file));
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
    }

    private void record(byte tag, String field) {
        digest.update(tag);
        chunk(field.getBytes(StandardCharsets.UTF_8));
    }

    private void chunk(byte[] bytes) {
        number(bytes.length);
        digest.update(bytes);
    }

    private void number(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            digest.update((byte) (value >>> shift));
        }
    }
}
