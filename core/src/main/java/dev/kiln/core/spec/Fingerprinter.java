package dev.kiln.core.spec;

import java.nio.file.Path;

/**
 * Collects everything that determines an image into its fingerprint.
 *
 * <p>Each value is recorded under a field name, so that moving bytes from one field to the next changes
 * the fingerprint. Implementations of {@code fingerprint(Fingerprinter)} add only what changes the image:
 * never secrets, timestamps or paths on the local machine.
 */
public interface Fingerprinter {
    /** Records a text value under a field name. A null value is recorded as absent. */
    Fingerprinter put(String field, String value);

    /** Records raw bytes under a field name. */
    Fingerprinter put(String field, byte[] bytes);

    /**
     * Records a local file's bytes, or for a directory every file below it by relative path, bytes and
     * executable bit. The local path itself is not recorded.
     *
     * @throws java.io.UncheckedIOException if the file can't be read
     */
    Fingerprinter putFile(String field, Path file);
}
