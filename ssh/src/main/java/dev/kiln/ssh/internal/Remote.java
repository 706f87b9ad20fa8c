package dev.kiln.ssh.internal;

import java.nio.file.Path;

/** Remote (always POSIX) path helpers. */
final class Remote {
    private Remote() {
    }

    /** {@code base/relative}, with {@code relative} in local form turned into slash-separated form. */
    static String join(String base, Path relative) {
        String rel = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
        return join(base, rel);
    }

    /** {@code base/name}; just {@code base} when {@code name} is empty. */
    static String join(String base, String name) {
        if (name.isEmpty()) {
            return base;
        }
        return base.endsWith("/") ? base + name : base + "/" + name;
    }

    /** The path quoted for a POSIX shell. */
    static String quote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }
}
