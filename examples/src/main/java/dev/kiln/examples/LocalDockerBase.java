package dev.kiln.examples;

import dev.kiln.core.internal.FileTrees;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;

/**
 * The base image of the chain's container images on a computer that reaches no registry: Debian's static busybox
 * with a link in {@code /bin} for each of its applets, plus what the images' scripts expect of their Ubuntu (an
 * {@code /etc/os-release}, a {@code sudo}, the UTC zone file, {@code /var/log}), imported with {@code docker
 * import}. It is to Docker what LocalEc2's base image is to EC2: not Ubuntu, and the scripts say so where it
 * matters ({@code apt-get}). Its {@code sudo} is the local machines' own ({@code LocalMachineHost}'s): the
 * provisioners run as root in the container, so it runs the command as it is.
 *
 * <p>Why busybox and not a copy of the host's programs or a {@code debootstrap}: it is one static file, so the
 * image holds 2 MB and is made in a second, it needs no mirror (nothing beyond loopback), and the tests of the
 * docker module already use it. The scripts keep to what both busybox and Ubuntu have.
 *
 * <pre>{@code
 * LocalDockerBase.ensure("kiln-demo/base-os:1");   // imports it unless the daemon has it
 * }</pre>
 */
final class LocalDockerBase {
    /** The busybox binary the image is made of: Debian's {@code busybox-static}. */
    static final Path BUSYBOX = Path.of("/bin/busybox");
    /** The zone file {@code baseline.sh} links {@code /etc/localtime} to. */
    private static final Path UTC_ZONE = Path.of("/usr/share/zoneinfo/UTC");
    private static final List<String> DIRS = List.of("bin", "etc", "home", "opt", "root", "srv", "tmp", "usr/bin",
            "usr/share/zoneinfo", "var/log");
    private static final String OS_RELEASE = """
            NAME="Kiln local image"
            PRETTY_NAME="Kiln local image for Docker (busybox)"
            ID=kiln-local
            VERSION_ID="1"
            """;

    private LocalDockerBase() {
    }

    /** Imports the image as {@code name} unless the daemon already has an image of that name. */
    static void ensure(String name) throws InterruptedException {
        if (HostCommand.run("docker", "image", "inspect", name).succeeded()) {
            return;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("kiln-docker-base");
            Path root = work.resolve("root");
            layOut(root);
            Path tar = work.resolve("root.tar");
            HostCommand.ok("tar", "--owner=0", "--group=0", "--numeric-owner", "-C", root.toString(), "-cf",
                    tar.toString(), ".");
            HostCommand.ok("docker", "import", "--change", "CMD [\"/bin/sh\"]", "--message",
                    "Kiln's local base image: busybox, os-release, sudo, UTC zone", tar.toString(), name);
            if (!HostCommand.run("docker", "run", "--rm", "--network", "none", name, "/bin/sh", "-c", "true")
                    .succeeded()) {
                HostCommand.run("docker", "image", "rm", name);
                throw new IllegalStateException(BUSYBOX + " does not run in an image of its own: it must be linked "
                        + "statically (install the Debian package busybox-static, not busybox)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the base image " + name + ": " + e.getMessage(), e);
        } finally {
            if (work != null) {
                FileTrees.deleteTree(work);
            }
        }
    }

    private static void layOut(Path root) throws IOException, InterruptedException {
        for (String dir : DIRS) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.copy(BUSYBOX, root.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String applet : HostCommand.ok(BUSYBOX.toString(), "--list").split("\n")) {
            Path link = root.resolve("bin").resolve(applet);
            if (!applet.isBlank() && !Files.exists(link)) {
                Files.createSymbolicLink(link, Path.of("busybox"));
            }
        }
        Path sudo = root.resolve("usr/bin/sudo");
        try (InputStream script = LocalMachineHost.class.getResourceAsStream("sudo")) {
            Files.copy(Objects.requireNonNull(script, "the local machines' sudo is missing from the testkit jar"), sudo);
        }
        Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(UTC_ZONE, root.resolve("usr/share/zoneinfo/UTC"));
        Files.writeString(root.resolve("etc/os-release"), OS_RELEASE);
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
    }
}
