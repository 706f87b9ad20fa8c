package dev.kiln.testkit.machine.internal;

import dev.kiln.core.internal.FileTrees;
import dev.kiln.testkit.ssh.CommandLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bubblewrap sandbox. Each run of a machine is one sandbox, kept alive by a {@code sleep infinity} in it:
 * its own mount namespace, where {@code /etc, /opt, /srv, /var, /home, /tmp, /root} and {@code /run} are the
 * machine's and the host's {@code /usr} is read-only; its own pid namespace (its {@code /proc} shows only its
 * processes); its own hostname; and its own network namespace, which has nothing but a loopback interface, so
 * nothing inside reaches another address while daemons and clients inside still meet on 127.0.0.1. Every
 * command joins that sandbox with {@code nsenter}. Stopping the run kills the sandbox's init, and the kernel
 * kills everything left in its pid namespace, daemons included.
 */
public final class Bubblewrap implements Isolation {
    static final String BWRAP = "/usr/bin/bwrap";
    static final String NSENTER = "/usr/bin/nsenter";
    private static final String TOOLS_INSIDE = "/run/kiln/bin";
    private static final List<String> HOST_TOP_LEVEL = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");

    @Override
    public boolean sandboxed() {
        return true;
    }

    @Override
    public IsolatedRun start(MachinePaths paths) throws IOException {
        String home = "/home/" + paths.user();
        Files.createDirectories(paths.run().resolve("kiln/bin"));
        List<String> sandbox = new ArrayList<>(hostSystem());
        for (String dir : RootFs.MACHINE_DIRS) {
            sandbox.addAll(List.of("--bind", paths.root().resolve(dir).toString(), "/" + dir));
        }
        sandbox.addAll(List.of("--bind", paths.run().toString(), "/run",
                "--ro-bind", paths.tools().toString(), TOOLS_INSIDE,
                "--hostname", paths.hostname(), "--chdir", home));
        NamespaceHolder holder = NamespaceHolder.start(sandbox);
        CommandLauncher launcher = (command, environment) -> {
            List<String> line = new ArrayList<>(holder.enter());
            line.addAll(List.of("/bin/sh", "-c", command));
            return IsolatedRun.startProcess(new ProcessBuilder(line), environment, home, TOOLS_INSIDE, paths.marker());
        };
        return IsolatedRun.of(launcher, holder::kill);
    }

    /**
     * Tries the whole sandbox once: starts one over {@code scratch} and has a command write a file there.
     *
     * @return empty when it works, else why not
     */
    public static Optional<String> probe(Path scratch) {
        if (!Files.isExecutable(Path.of(BWRAP)) || !Files.isExecutable(Path.of(NSENTER))) {
            return Optional.of(BWRAP + " or " + NSENTER + " is missing (install the Debian packages bubblewrap and util-linux)");
        }
        NamespaceHolder holder = null;
        try {
            Files.createDirectories(scratch);
            List<String> sandbox = new ArrayList<>(hostSystem());
            sandbox.addAll(List.of("--bind", scratch.toString(), "/srv", "--chdir", "/srv"));
            holder = NamespaceHolder.start(sandbox);
            List<String> line = new ArrayList<>(holder.enter());
            line.addAll(List.of("/bin/sh", "-c", "echo ok > /srv/probe"));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int code = process.waitFor();
            Path probe = scratch.resolve("probe");
            if (code != 0 || !Files.exists(probe) || !Files.readString(probe).strip().equals("ok")) {
                return Optional.of("a trial command in the sandbox failed with exit code " + code + ": " + output);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("the sandbox could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while trying the sandbox");
        } finally {
            if (holder != null) {
                holder.kill();
            }
            FileTrees.deleteTree(scratch);
        }
    }

    /** The host's read-only system: {@code /usr}, and {@code /bin}, {@code /lib}... as links or read-only binds. */
    private static List<String> hostSystem() {
        List<String> args = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr"));
        for (String name : HOST_TOP_LEVEL) {
            Path path = Path.of("/", name);
            try {
                if (Files.isSymbolicLink(path)) {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), path.toString()));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
                }
            } catch (IOException e) {
                // an unreadable link: the sandbox goes without it
            }
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        return args;
    }
}
