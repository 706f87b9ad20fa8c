package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A sample directory tree with varied modes, and a comparison of two trees (content and modes). */
final class Trees {
    private Trees() {
    }

    static Path sample(Path root) throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("etc/conf.d"));
        Files.createDirectories(root.resolve("empty"));
        write(root.resolve("bin/start"), "#!/bin/sh\nexec server\n", "rwxr-xr-x");
        write(root.resolve("etc/app.conf"), "port=80\n", "rw-r-----");
        write(root.resolve("etc/conf.d/secret"), "token\n", "rw-------");
        write(root.resolve("name with spaces.txt"), "spaces\n", "rw-r--r--");
        byte[] big = new byte[300_000];
        new java.util.Random(1).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Files.setPosixFilePermissions(root.resolve("etc/conf.d"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(root.resolve("empty"), PosixFilePermissions.fromString("rwxrwxr-x"));
        return root;
    }

    /**
     * Uploads a sample tree to {@code remoteDir}, checks the progress reported, downloads it again into
     * {@code local} and checks content and modes.
     */
    static void assertRoundTrip(dev.kiln.core.comm.Communicator ssh, Path local, String remoteDir) throws Exception {
        Path tree = sample(local.resolve("site"));
        java.util.Map<String, Long> progress = new java.util.concurrent.ConcurrentHashMap<>();
        ssh.upload(tree, remoteDir, (path, transferred, total) -> progress.merge(path, transferred, Math::max));
        assertThat(progress).containsEntry(remoteDir + "/bin/start", 22L).containsEntry(remoteDir + "/big.bin", 300_000L);
        Path back = local.resolve("back");
        ssh.download(remoteDir, back, dev.kiln.core.comm.TransferListener.NONE);
        assertSame(tree, back);
    }

    static void assertSame(Path expected, Path actual) throws IOException {
        assertThat(describe(actual)).isEqualTo(describe(expected));
    }

    private static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> d = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                String content = Files.isDirectory(p) ? "dir"
                        : java.util.HexFormat.of().formatHex(sha256(Files.readAllBytes(p)));
                d.put(root.relativize(p).toString(), mode + " " + content);
            }
        }
        return d;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text, String mode) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }
}
