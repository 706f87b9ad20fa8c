package dev.kiln.testkit.machine.internal;

import dev.kiln.core.internal.FileTrees;
import dev.kiln.testkit.ssh.CommandLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sandbox made of Linux namespaces, one per run of a machine, kept alive by a {@code sleep} in it: its own mount
 * namespace showing a {@link SandboxLayout}, its own pid namespace (its {@code /proc} shows only its processes),
 * its own hostname, and its own network namespace, which has nothing but a loopback interface, so nothing inside
 * reaches another address while daemons and clients inside still meet on 127.0.0.1. Every command joins the
 * sandbox with {@code nsenter}. Stopping the run kills the sandbox's init, and the kernel kills everything left in
 * its pid namespace, daemons included. Bubblewrap and util-linux's unshare each build one.
 */
public abstract sealed class NamespaceSandbox implements Isolation permits Bubblewrap, Unshare {
    final SandboxTools tools;

    NamespaceSandbox(SandboxTools tools) {
        this.tools = tools;
    }

    /** Every sandbox Kiln can build with these tools, the preferred one first: bubblewrap, then unshare. */
    public static List<NamespaceSandbox> candidates(SandboxTools tools) {
        return List.of(new Bubblewrap(tools), new Unshare(tools));
    }

    /** The sandbox's name as the user knows it, e.g. {@code bubblewrap}. */
    public abstract String name();

    /** The host programs it needs. */
    abstract List<Path> programs();

    /**
     * The command that sets up a sandbox showing {@code layout} and then holds it with a {@code sleep}.
     *
     * @param hostDir an empty host directory the sandbox may use while it lives
     */
    abstract List<String> holderCommand(SandboxLayout layout, Path hostDir);

    @Override
    public final boolean sandboxed() {
        return true;
    }

    @Override
    public final IsolatedRun start(MachinePaths paths) throws IOException {
        Files.createDirectories(paths.run().resolve("kiln/bin"));
        SandboxLayout layout = SandboxLayout.machine(paths);
        NamespaceHolder holder = hold(layout, paths.run().resolveSibling("sandbox"));
        CommandLauncher launcher = (command, environment) -> {
            List<String> line = new ArrayList<>(holder.enter());
            line.addAll(List.of("/bin/sh", "-c", command));
            return IsolatedRun.startProcess(new ProcessBuilder(line), environment, layout.workDir(),
                    SandboxLayout.TOOLS_INSIDE, paths.marker());
        };
        return IsolatedRun.of(launcher, holder::kill);
    }

    /**
     * Tries the whole sandbox once: starts one over {@code scratch} and has a command write a file there.
     *
     * @return empty when it works, else why not
     */
    public final Optional<String> probe(Path scratch) {
        Optional<Path> missing = SandboxTools.firstMissing(programs());
        if (missing.isPresent()) {
            return Optional.of(missing.get() + " is missing");
        }
        NamespaceHolder holder = null;
        try {
            Path srv = Files.createDirectories(scratch.resolve("srv"));
            holder = hold(SandboxLayout.trial(srv), scratch.resolve("sandbox"));
            List<String> line = new ArrayList<>(holder.enter());
            line.addAll(List.of("/bin/sh", "-c", "echo ok > /srv/probe"));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int code = process.waitFor();
            Path probe = srv.resolve("probe");
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

    private NamespaceHolder hold(SandboxLayout layout, Path hostDir) throws IOException {
        Files.createDirectories(hostDir);
        return NamespaceHolder.start(holderCommand(layout, hostDir), tools.nsenter());
    }

    @Override
    public String toString() {
        return name();
    }
}
