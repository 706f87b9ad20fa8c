package dev.kiln.docker.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads and sets a local file's POSIX mode bits (setuid, setgid and sticky included) through the JDK's
 * {@code unix} attribute view, which a tar entry carries whole.
 */
final class Modes {
    private Modes() {
    }

    /** The mode bits of a local file; 0755 for a directory and 0644 for a file where the file system has none. */
    static int of(Path file) throws IOException {
        try {
            return (Integer) Files.getAttribute(file, "unix:mode") & 07777;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.isDirectory(file) ? 0755 : 0644;
        }
    }

    /** Sets a local file's mode bits where the file system keeps them; never follows a link. */
    static void set(Path file, int mode) throws IOException {
        if (Files.isSymbolicLink(file)) {
            return;
        }
        try {
            Files.setAttribute(file, "unix:mode", mode & 07777, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // not a POSIX file system: its modes are its own
        }
    }
}
