package dev.kiln.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Copies and deletes directory trees as a machine's files need it: symbolic links stay links and are never
 * followed, modes are kept, and a read-only directory stops neither a copy nor a deletion.
 *
 * <pre>{@code
 * FileTrees.copyTree(imageRoot, machineRoot);
 * FileTrees.deleteTree(machineDir);
 * }</pre>
 */
public final class FileTrees {
    private static final Set<PosixFilePermission> OWNER_ALL = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private FileTrees() {
    }

    /** Copies the whole tree at {@code source} into {@code target}, as {@link #copyTree(Path, Path, Predicate)}. */
    public static void copyTree(Path source, Path target) throws IOException {
        copyTree(source, target, path -> true);
    }

    /**
     * Copies the tree at {@code source} (a directory, a file or a link, which must exist) to {@code target},
     * creating directories and replacing files that are already there. Links are copied as links; regular files
     * keep their modes and times, directories their modes, set once their contents are in. Sockets, pipes, devices
     * and files that vanish during the copy are left out, and so is every path {@code include} refuses (a directory
     * with all it holds). The source may be on another file system, such as a jar's; what that file system cannot
     * tell is left as the target's defaults.
     */
    public static void copyTree(Path source, Path target, Predicate<Path> include) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!include.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path copy = Files.createDirectories(counterpart(dir));
                openToOwner(copy);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (include.test(file) && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
                    Files.copy(file, counterpart(file), LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES,
                            StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException && !file.equals(source)) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    return visitFileFailed(dir, e);
                }
                Path copy = counterpart(dir);
                try {
                    Set<PosixFilePermission> mode = permissions(dir);
                    if (mode != null && permissions(copy) != null) {
                        Files.setPosixFilePermissions(copy, mode);
                    }
                } catch (NoSuchFileException gone) {
                    // the directory went during the copy: its copy keeps the default mode
                }
                return FileVisitResult.CONTINUE;
            }

            private Path counterpart(Path path) {
                return target.resolve(source.relativize(path).toString());
            }
        });
    }

    /**
     * Deletes {@code path} and, for a directory, all it holds, without following links; a missing path, or a file
     * that another process deletes meanwhile, is fine.
     * Directories its owner may not read, write or enter are opened to the owner first.
     *
     * @throws UncheckedIOException naming {@code path} and, as the cause, the file that could not go
     */
    public static void deleteTree(Path path) {
        try {
            delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + " (" + e + ")", e);
        }
    }

    private static void delete(Path path) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (attrs.isDirectory()) {
            List<Path> children;
            try {
                openToOwner(path);
                try (Stream<Path> list = Files.list(path)) {
                    children = list.toList();
                }
            } catch (NoSuchFileException e) {
                return; // deleted meanwhile by someone else, such as a machine's own cleanup
            }
            for (Path child : children) {
                delete(child);
            }
        }
        Files.deleteIfExists(path);
    }

    /** Gives a directory's owner read, write and search permission when it lacks any of them. */
    private static void openToOwner(Path dir) throws IOException {
        Set<PosixFilePermission> permissions = permissions(dir);
        if (permissions != null && !permissions.containsAll(OWNER_ALL)) {
            permissions.addAll(OWNER_ALL);
            // by path: without following links, Java would first open the directory, which its owner may not read
            Files.setPosixFilePermissions(dir, permissions);
        }
    }

    /** A path's permissions, not following links; null on a file system without them, such as a jar's. */
    private static Set<PosixFilePermission> permissions(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        return view == null ? null : view.readAttributes().permissions();
    }
}
