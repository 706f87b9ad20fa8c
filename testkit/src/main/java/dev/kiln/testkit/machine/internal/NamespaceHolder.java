package dev.kiln.testkit.machine.internal;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@code sleep infinity} in a bubblewrap sandbox with its own mount, pid, uts and network namespaces: it
 * keeps the sandbox alive for the commands of one machine run, which join it with {@code nsenter}. Killing it
 * ends the sandbox and every process in it.
 */
final class NamespaceHolder {
    private static final long START_LIMIT_NANOS = 10_000_000_000L;

    private final Process bwrap;
    private final ProcessHandle inside;

    private NamespaceHolder(Process bwrap, ProcessHandle inside) {
        this.bwrap = bwrap;
        this.inside = inside;
    }

    /** Starts the sandbox with these bubblewrap arguments (binds, hostname, working directory). */
    static NamespaceHolder start(List<String> sandbox) throws IOException {
        List<String> line = new ArrayList<>(List.of(Bubblewrap.BWRAP,
                "--unshare-net", "--unshare-pid", "--unshare-uts", "--die-with-parent"));
        line.addAll(sandbox);
        line.addAll(List.of("sleep", "infinity"));
        Process bwrap = new ProcessBuilder(line).redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
        long deadline = System.nanoTime() + START_LIMIT_NANOS;
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> sleeper = bwrap.descendants().filter(NamespaceHolder::isSleep).findFirst();
            if (sleeper.isPresent()) {
                return new NamespaceHolder(bwrap, sleeper.get());
            }
            if (!bwrap.isAlive()) {
                throw new IOException("bwrap exited with code " + bwrap.exitValue() + " before its sandbox was up");
            }
            LockSupport.parkNanos(5_000_000L);
        }
        bwrap.destroyForcibly();
        throw new IOException("bwrap's sandbox was not up after 10 seconds");
    }

    /**
     * The command prefix that runs a program inside the sandbox: in its namespaces, under its root, in its
     * working directory.
     */
    List<String> enter() {
        return List.of(Bubblewrap.NSENTER, "--target", Long.toString(inside.pid()),
                "--mount", "--uts", "--net", "--pid", "--root", "--wd", "--");
    }

    /**
     * Kills the sandbox's init; the kernel then kills every process left in its pid namespace. Returns once they
     * are all gone, including the ones that joined with {@code nsenter} and so are not bwrap's descendants.
     */
    void kill() {
        List<ProcessHandle> all = new ArrayList<>(bwrap.descendants().toList());
        Optional<Path> namespace = pidNamespace(inside);
        namespace.ifPresent(ns -> ProcessHandle.allProcesses()
                .filter(p -> pidNamespace(p).equals(namespace)).forEach(all::add));
        bwrap.destroyForcibly();
        all.add(bwrap.toHandle());
        all.forEach(ProcessExits::awaitExit);
    }

    /** The pid namespace a process lives in, as the kernel names it ({@code pid:[4026532...]}). */
    private static Optional<Path> pidNamespace(ProcessHandle process) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "ns", "pid")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static boolean isSleep(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/sleep")).orElse(false);
    }
}
