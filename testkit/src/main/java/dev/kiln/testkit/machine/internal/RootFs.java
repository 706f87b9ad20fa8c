package dev.kiln.testkit.machine.internal;

import dev.kiln.core.internal.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A machine's root filesystem on disk: the fresh layout of Kiln's base image and the copies from and to image
 * roots.
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
                FileTrees.copyTree(source, etc.resolve(name));
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
        FileTrees.copyTree(imageRoot, root);
        ensureMachineDirs(root, user);
    }

    /** Copies {@code root} into {@code imageRoot}, leaving out what {@code /tmp} holds. */
    public static void capture(Path root, Path imageRoot) throws IOException {
        Path tmp = root.resolve("tmp");
        FileTrees.copyTree(root, imageRoot, p -> !p.startsWith(tmp) || p.equals(tmp));
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
}
