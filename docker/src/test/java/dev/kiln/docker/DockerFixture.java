package dev.kiln.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The real Docker daemon the tests build on, and their base image: a root file system holding Debian's static
 * busybox, imported with {@code docker import} (no registry is reachable) and given busybox's applets as links in
 * {@code /bin}. Built once per daemon and kept. Public for the tests of other modules (the {@code tests} jar).
 */
public final class DockerFixture {
    /** The tests' base image. */
    public static final String BASE = "kiln-test/busybox:1";
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private DockerFixture() {
    }

    /** The daemon, which must answer; {@code ./test} starts it. */
    public static DockerHost host() {
        DockerHost host = DockerHost.fromEnvironment();
        DockerCli.Run version = DockerCli.run("version", "--format", "{{.Server.Version}}");
        if (version.exitStatus() != 0) {
            throw new AssertionError("No Docker daemon answers at " + host + " (" + version.stderr().trim()
                    + "): ./test installs docker.io and starts dockerd; or start it yourself");
        }
        return host;
    }

    /** The base image, built the first time. */
    public static synchronized String baseImage() throws IOException {
        host();
        if (DockerCli.run("image", "inspect", BASE).exitStatus() == 0) {
            return BASE;
        }
        if (!Files.isExecutable(BUSYBOX)) {
            throw new AssertionError("No " + BUSYBOX + ": ./test installs the Debian package busybox-static");
        }
        Path root = Files.createTempDirectory("kiln-rootfs");
        Path tar = Files.createTempFile("kiln-rootfs", ".tar");
        try {
            for (String dir : new String[] {"bin", "etc", "root", "tmp", "srv", "opt", "usr/bin", "var"}) {
                Files.createDirectories(root.resolve(dir));
            }
            Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.copy(BUSYBOX, root.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/tmp:/bin/sh\n");
            Files.writeString(root.resolve("etc/group"), "root:x:0:\napp:x:1000:\n");
            Process p = new ProcessBuilder("tar", "-C", root.toString(), "-cf", tar.toString(), ".").inheritIO().start();
            if (p.waitFor() != 0) {
                throw new AssertionError("tar failed");
            }
            DockerCli.ok("import", tar.toString(), "kiln-test/busybox-raw:1");
            String name = "kiln-test-install-" + System.nanoTime();
            DockerCli.ok("run", "--network", "none", "--name", name, "kiln-test/busybox-raw:1", "/bin/busybox", "--install", "-s", "/bin");
            DockerCli.ok("commit", "--change", "CMD [\"/bin/sh\"]", name, BASE);
            DockerCli.ok("rm", name);
            DockerCli.ok("rmi", "kiln-test/busybox-raw:1");
            return BASE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            Files.deleteIfExists(tar);
            new ProcessBuilder("rm", "-rf", root.toString()).start();
        }
    }
}
