package dev.kiln.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies and deletions of trees with links, executable files and read-only directories. Modes only bind a user
 * without root's override, so when the tests run as root, the copy or deletion runs in a child JVM in a user
 * namespace where root's files belong to an ordinary user (uid 1000), as they would on a developer's machine.
 */
class FileTreesTest {
    @TempDir
    Path dir;

    /**
     * {@code site/} holds an executable script, a private file, a read-only directory with a file, a link to a
     * directory, a link that dangles and a named pipe.
     */
    private Path site() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        write(site.resolve("bin/start.sh"), "#!/bin/sh\necho start\n", "rwxr-x---");
        write(site.resolve("conf/app.conf"), "port=8080\n", "rw-------");
        write(site.resolve("docs/index.html"), "<h1>hi</h1>\n", "r--r--r--");
        Files.setPosixFilePermissions(site.resolve("docs"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.createSymbolicLink(site.resolve("current"), Path.of("bin"));
        Files.createSymbolicLink(site.resolve("dangling"), Path.of("no/such/file"));
        Process mkfifo = new ProcessBuilder("mkfifo", site.resolve("conf/pipe").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        return site;
    }

    @Test
    void aCopyKeepsLinksModesAndReadOnlyDirectoriesAndLeavesPipesOut() throws Exception {
        Path site = site();
        Path copy = dir.resolve("copy/site");

        asOwner("copy", site, copy);

        Map<String, String> expected = describe(site);
        expected.remove("conf/pipe");
        assertThat(describe(copy)).isEqualTo(expected).containsEntry("current", "link -> bin")
                .containsEntry("docs", "dir r-xr-xr-x").containsKey("bin/start.sh");
        assertThat(expected.get("bin/start.sh")).startsWith("file rwxr-x--- ");
    }

    @Test
    void aSecondCopyOverTheFirstReplacesItsFilesEvenInReadOnlyDirectories() throws Exception {
        Path site = site();
        Path copy = dir.resolve("copy");
        asOwner("copy", site, copy);
        Files.setPosixFilePermissions(site.resolve("docs"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write(site.resolve("docs/index.html"), "<h1>changed</h1>\n", "rw-r--r--");
        Files.setPosixFilePermissions(site.resolve("docs"), PosixFilePermissions.fromString("r-x------"));

        asOwner("copy", site, copy);

        assertThat(Files.readString(copy.resolve("docs/index.html"))).isEqualTo("<h1>changed</h1>\n");
        assertThat(describe(copy)).containsEntry("docs", "dir r-x------");
    }

    @Test
    void aCopyLeavesOutWhatTheFilterRefusesAndCopiesALinkGivenAsTheSource() throws Exception {
        Path site = site();
        Path copy = dir.resolve("copy");
        Path conf = site.resolve("conf");

        FileTrees.copyTree(site, copy, p -> !p.startsWith(conf) || p.equals(conf));
        FileTrees.copyTree(site.resolve("current"), copy.resolve("current-again"));

        assertThat(describe(copy)).containsKey("conf").doesNotContainKey("conf/app.conf").containsKey("bin/start.sh")
                .containsEntry("current-again", "link -> bin");
    }

    @Test
    void aMissingSourceIsAnError() {
        assertThatThrownBy(() -> FileTrees.copyTree(dir.resolve("nothing"), dir.resolve("copy")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nothing");
    }

    @Test
    void aTreeInAJarIsCopiedOutToTheDefaultFileSystem() throws Exception {
        Path jar = dir.resolve("files.jar");
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of("create", "true"))) {
            Files.createDirectories(zip.getPath("images/base/tasks"));
            Files.writeString(zip.getPath("images/base/tasks/setup.sh"), "echo setup\n");
        }
        Path copy = dir.resolve("extracted");

        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            FileTrees.copyTree(zip.getPath("images/base"), copy);
            FileTrees.copyTree(zip.getPath("images/base"), copy);
        }

        assertThat(Files.readString(copy.resolve("tasks/setup.sh"))).isEqualTo("echo setup\n");
    }

    @Test
    void aDeletionRemovesReadOnlyAndClosedDirectoriesButNotWhatLinksPointTo() throws Exception {
        Path site = site();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        write(outside.resolve("keep.txt"), "keep\n", "rw-r--r--");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.createSymbolicLink(site.resolve("docs-outside"), outside);
        write(site.resolve("closed/secret"), "x\n", "rw-------");
        Files.setPosixFilePermissions(site.resolve("closed"), PosixFilePermissions.fromString("---------"));

        asOwner("delete", site);

        assertThat(site).doesNotExist();
        assertThat(describe(outside)).containsEntry("", "dir r-xr-xr-x").containsKey("keep.txt");
    }

    @Test
    void deletingALinkLeavesItsTargetAndAMissingPathIsFine() throws Exception {
        Path target = Files.createDirectories(dir.resolve("target"));
        write(target.resolve("file"), "x\n", "rw-r--r--");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        FileTrees.deleteTree(link);
        FileTrees.deleteTree(dir.resolve("missing"));

        assertThat(link).doesNotExist();
        assertThat(target.resolve("file")).hasContent("x");
    }

    /** Runs a {@link FileTrees} operation as the files' owner, without root's override of modes. */
    private void asOwner(String operation, Path... paths) throws Exception {
        List<String> command = new ArrayList<>();
        if ((int) Files.getAttribute(dir, "unix:uid") == 0) {
            command.addAll(List.of("unshare", "--map-user=1000", "--map-group=1000"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                Operation.class.getName(), operation));
        Stream.of(paths).map(Path::toString).forEach(command::add);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
    }

    /** The child JVM's side of {@link #asOwner}: {@code copy SOURCE TARGET} or {@code delete PATH}. */
    static final class Operation {
        public static void main(String[] args) throws IOException {
            if (args[0].equals("copy")) {
                FileTrees.copyTree(Path.of(args[1]), Path.of(args[2]));
            } else {
                FileTrees.deleteTree(Path.of(args[1]));
            }
        }
    }

    /** Every path under {@code root} (links not followed): its type, mode, and content or link target. */
    private static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.toList();
        }
        for (Path p : paths) {
            String name = root.relativize(p).toString();
            if (Files.isSymbolicLink(p)) {
                tree.put(name, "link -> " + Files.readSymbolicLink(p));
                continue;
            }
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                tree.put(name, "dir " + mode);
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                tree.put(name, "file " + mode + " " + Files.readString(p));
            } else {
                tree.put(name, "other " + mode);
            }
        }
        return tree;
    }

    private static void write(Path file, String text, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }
}
