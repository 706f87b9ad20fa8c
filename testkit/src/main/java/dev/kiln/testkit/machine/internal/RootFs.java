package dev.kiln.testkit.machine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A machine's root filesystem on disk: the fresh layout of Kiln's base image, copies from and to image roots,
 * and deletion.
 */
public final class RootFs {
    /** The top-level directories that belong to the machine; the rest of {@code /} comes from the host. */
    public static final List<String> MACHINE_DIRS = List.of("etc", "opt", "srv", "var", "home", "tmp", "root");

    /** Host files under {@code /etc} that host programs need to run (dynamic linker cache, alternatives...). */
    private static final List<String> HOST_ETC_BASICS = List.of("alternatives", "ld.so.cache", "ld.so.conf",
            "ld.so.conf.d", "nsswitch.conf", "profile", "profile.d", "bash.bashrc", "environment", "shells",
            "localtime", "timezone", "mime.types");

    private static final String OS_RELEASE = """
            NAME="Kiln local image"
            PRETTY_NAME="Kiln local image (host programs, machine files)"
            ID=kiln-local
            VERSION_ID="1"
            """;

    private RootFs() {
    }

    /**
     * Lays out Kiln's base image in an empty {@code root}: the machine's directories, {@code /etc/os-release},
     * {@code /etc/passwd} and {@code /etc/group} with root and {@code user}, the user's home, and the host's
     * basic {@code /etc} files that its programs need.
     */
    public static void layOutBase(Path root, String user) throws IOException {
        ensureMachineDirs(root, user);
        Path etc = root.resolve("etc");
        for (String name : HOST_ETC_BASICS) {
            Path source = Path.of("/etc", name);
            if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                copyTree(source, etc.resolve(name), p -> true);
            }
        }
        Files.writeString(etc.resolve("os-release"), OS_RELEASE);
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + user + ":x:1000:1000:" + user + ":/home/" + user + ":/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nsudo:x:27:" + user + "\n" + user + ":x:1000:\n");
        Files.createDirectories(root.resolve("var/lib/cloud/instance"));
        Files.createDirectories(root.resolve("var/log"));
    }

    /** Copies an image's captured files into {@code root}, then adds whatever machine directory is missing. */
    public static void copyImage(Path imageRoot, Path root, String user) throws IOException {
        copyTree(imageRoot, root, p -> true);
        ensureMachineDirs(root, user);
    }

    /** Copies {@code root} into {@code imageRoot}, leaving out what {@code /tmp} holds. */
    public static void capture(Path root, Path imageRoot) throws IOException {
        Path tmp = root.resolve("tmp");
        copyTree(root, imageRoot, p -> !p.startsWith(tmp) || p.equals(tmp));
    }

    /** Deletes a directory tree without following symbolic links; a missing tree is fine. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** Writes a text file, creating its directories. */
    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void ensureMachineDirs(Path root, String user) throws IOException {
        for (String dir : MACHINE_DIRS) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.createDirectories(root.resolve("home").resolve(user));
    }

    /** Copies a tree keeping symbolic links as links; sockets, pipes and devices are left out. */
    private static void copyTree(Path source, Path target, Predicate<Path> include) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!include.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (include.test(file) && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
                    Path to = target.resolve(source.relativize(file).toString());
                    Files.copy(file, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES,
                            StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }
}
