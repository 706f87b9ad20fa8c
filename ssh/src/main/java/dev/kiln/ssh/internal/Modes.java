package dev.kiln.ssh.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Converts between POSIX permission bits ({@code 0755}) and Java's permission sets. */
final class Modes {
    private static final PosixFilePermission[] BY_BIT = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private Modes() {
    }

    /** The permission bits of a local file (0644 when the file system has no POSIX modes). */
    static int of(Path file) throws IOException {
        try {
            Set<PosixFilePermission> set = Files.getPosixFilePermissions(file);
            int mode = 0;
            for (int bit = 0; bit < BY_BIT.length; bit++) {
                if (set.contains(BY_BIT[bit])) {
                    mode |= 1 << bit;
                }
            }
            return mode;
        } catch (UnsupportedOperationException e) {
            return Files.isDirectory(file) ? 0755 : 0644;
        }
    }

    /** Sets a local file's permission bits, where the file system supports them. */
    static void set(Path file, int mode) throws IOException {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BY_BIT.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(BY_BIT[bit]);
            }
        }
        try {
            Files.setPosixFilePermissions(file, set);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: modes cannot be kept.
        }
    }
}
