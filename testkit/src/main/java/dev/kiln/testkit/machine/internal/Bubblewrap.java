package dev.kiln.testkit.machine.internal;

import dev.kiln.testkit.ssh.CommandLauncher;
import dev.kiln.testkit.ssh.LocalSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bubblewrap sandbox. Each machine run gets its own network namespace (only its own loopback: nothing
 * reaches another address, while daemons and clients inside the machine still meet on 127.0.0.1) and its own
 * pid namespace, both held by a small {@code sleep infinity} sandbox. Every command enters those namespaces
 * with {@code nsenter} and runs in a bubblewrap sandbox where {@code /etc, /opt, /srv, /var, /home, /tmp,
 * /root} and {@code /run} are the machine's and the host's {@code /usr} is read-only. Stopping the run kills
 * the holder, and the kernel kills everything left in its pid namespace.
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
        NamespaceHolder holder = NamespaceHolder.start(hostSystem());
        String home = "/home/" + paths.user();
        Files.createDirectories(paths.run().resolve("kiln/bin"));
        CommandLauncher launcher = (command, environment) -> {
            List<String> line = new ArrayList<>(holder.enter());
            line.add(BWRAP);
            line.add("--die-with-parent");
            line.addAll(hostSystem());
            for (String dir : RootFs.MACHINE_DIRS) {
                line.addAll(List.of("--bind", paths.root().resolve(dir).toString(), "/" + dir));
            }
            line.addAll(List.of("--bind", paths.run().toString(), "/run",
                    "--ro-bind", paths.tools().toString(), TOOLS_INSIDE,
                    "--proc", "/proc", "--dev", "/dev", "--chdir", home, "/bin/sh", "-c", command));
            ProcessBuilder builder = new ProcessBuilder(line);
            Map<String, String> env = builder.environment();
            env.clear();
            env.putAll(environment);
            env.put("HOME", home);
            env.put("PATH", MachinePaths.path(TOOLS_INSIDE));
            env.put(HostProcesses.MARKER_VARIABLE, paths.marker());
            return builder.start();
        };
        return new IsolatedRun() {
            @Override
            public CommandLauncher launcher() {
                return launcher;
            }

            @Override
            public String sftpServerCommand() {
                return Files.isExecutable(Path.of(LocalSshServer.OPENSSH_SFTP_SERVER)) ? LocalSshServer.OPENSSH_SFTP_SERVER : null;
            }

            @Override
            public void killAll() {
                holder.kill();
            }
        };
    }

    /**
     * Tries the whole sandbox once (a holder, then {@code true} inside it).
     *
     * @return empty when it works, else why not
     */
    public static Optional<String> probe(Path scratch) {
        if (!Files.isExecutable(Path.of(BWRAP)) || !Files.isExecutable(Path.of(NSENTER))) {
            return Optional.of(BWRAP + " or " + NSENTER + " is missing (install the Debian packages bubblewrap and util-linux)");
        }
        NamespaceHolder holder = null;
        try {
            holder = NamespaceHolder.start(hostSystem());
            Files.createDirectories(scratch);
            List<String> line = new ArrayList<>(holder.enter());
            line.addAll(List.of(BWRAP, "--die-with-parent"));
            line.addAll(hostSystem());
            line.addAll(List.of("--bind", scratch.toString(), "/srv", "--proc", "/proc", "--dev", "/dev",
                    "/bin/sh", "-c", "echo ok > /srv/probe"));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            int code = process.waitFor();
            if (code != 0 || !Files.readString(scratch.resolve("probe")).strip().equals("ok")) {
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
            RootFs.deleteTree(scratch);
        }
    }

    /** The host's read-only system: {@code /usr}, and {@code /bin}, {@code /lib}... as links or read-only binds. */
    static List<String> hostSystem() {
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
                // unreadable link: the sandbox goes without it
            }
        }
        return args;
    }
}
