package dev.kiln.testkit.ec2.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Finds the file a machine's path names inside a root directory on the host, as {@code chroot} would: {@code ..}
 * stops at the root, and every symbolic link, absolute or relative, is followed inside the root. The path found
 * has no link in it below the root, so nothing read through it comes from outside.
 *
 * <pre>{@code
 * Path conf = ChrootPath.resolve(imageRoot, "/etc/app.conf"); // imageRoot/etc/app.conf, or where its links lead
 * }</pre>
 */
public final class ChrootPath {
    /** As Linux, which gives up with ELOOP after 40 links in one lookup. */
    private static final int MAX_LINKS = 40;

    private ChrootPath() {
    }

    /**
     * The host path of {@code path} (absolute, as inside the machine) under {@code root}, its links followed.
     * The file need not exist: a missing name ends up as a plain name under its directory.
     *
     * @throws IllegalArgumentException when {@code path} is not absolute or its links form a loop
     */
    public static Path resolve(Path root, String path) {
        requireAbsolute(path);
        Deque<String> todo = new ArrayDeque<>(names(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (name.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path candidate = join(root, done).resolve(name);
            if (!Files.isSymbolicLink(candidate)) {
                done.add(name);
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new IllegalArgumentException("path " + path + " has more than " + MAX_LINKS
                        + " symbolic links (a loop?)");
            }
            String target = readLink(candidate);
            if (target.startsWith("/")) {
                done.clear();
            }
            List<String> targetNames = names(target);
            for (int i = targetNames.size() - 1; i >= 0; i--) {
                todo.push(targetNames.get(i));
            }
        }
        return join(root, done);
    }

    /**
     * Checks that {@code path} is absolute, as the machine sees it.
     *
     * @throws IllegalArgumentException when it is null or relative
     */
    public static void requireAbsolute(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must be absolute, as the machine sees it, e.g. /etc/app.conf; got "
                    + path);
        }
    }

    /** The names of a path, without empty ones and {@code .}. */
    private static List<String> names(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        return names;
    }

    private static Path join(Path root, List<String> names) {
        Path path = root;
        for (String name : names) {
            path = path.resolve(name);
        }
        return path;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the symbolic link " + link, e);
        }
    }
}
