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
 * A {@code sleep infinity} in a bubblewrap sandbox with a new network and pid namespace: it keeps them alive
 * for the commands of one machine run, which join them with {@code nsenter}. Killing it ends the namespaces
 * and every process in them.
 */
final class NamespaceHolder {
    private static final long START_LIMIT_NANOS = 10_000_000_000L;

    private final Process bwrap;
    private final ProcessHandle inside;

    private NamespaceHolder(Process bwrap, ProcessHandle inside) {
        this.bwrap = bwrap;
        this.inside = inside;
    }

    static NamespaceHolder start(List<String> hostSystem) throws IOException {
        List<String> line = new ArrayList<>(List.of(Bubblewrap.BWRAP, "--unshare-net", "--unshare-pid", "--die-with-parent"));
        line.addAll(hostSystem);
        line.addAll(List.of("--proc", "/proc", "--dev", "/dev", "sleep", "infinity"));
        Process bwrap = new ProcessBuilder(line).redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
        long deadline = System.nanoTime() + START_LIMIT_NANOS;
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> sleeper = bwrap.descendants().filter(NamespaceHolder::isSleep).findFirst();
            if (sleeper.isPresent() && Files.exists(namespace(sleeper.get(), "net"))) {
                return new NamespaceHolder(bwrap, sleeper.get());
            }
            if (!bwrap.isAlive()) {
                throw new IOException("bwrap exited with code " + bwrap.exitValue() + " before its namespaces were up");
            }
            LockSupport.parkNanos(5_000_000L);
        }
        bwrap.destroyForcibly();
        throw new IOException("bwrap's namespaces were not up after 10 seconds");
    }

    /** The command prefix that runs a program inside the namespaces. */
    List<String> enter() {
        return List.of(Bubblewrap.NSENTER, "--net=" + namespace(inside, "net"), "--pid=" + namespace(inside, "pid"), "--");
    }

    /** Kills the holder; the kernel then kills every process left in its pid namespace. */
    void kill() {
        List<ProcessHandle> all = new ArrayList<>(bwrap.descendants().toList());
        bwrap.destroyForcibly();
        all.add(bwrap.toHandle());
        all.forEach(ProcessExits::awaitExit);
    }

    private static boolean isSleep(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/sleep")).orElse(false);
    }

    private static Path namespace(ProcessHandle process, String kind) {
        return Path.of("/proc", Long.toString(process.pid()), "ns", kind);
    }
}
