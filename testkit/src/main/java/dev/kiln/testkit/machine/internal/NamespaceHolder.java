package dev.kiln.testkit.machine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@code sleep} in a namespace sandbox with its own mount, pid, uts and network namespaces: it keeps the
 * sandbox alive for the commands of one machine run, which join it with {@code nsenter}. Killing it ends the
 * sandbox and every process in it.
 */
final class NamespaceHolder {
    private static final long START_LIMIT_NANOS = 10_000_000_000L;
    private static final int ERROR_LIMIT = 2000;

    private final Process launcher;
    private final ProcessHandle inside;
    private final Path nsenter;

    private NamespaceHolder(Process launcher, ProcessHandle inside, Path nsenter) {
        this.launcher = launcher;
        this.inside = inside;
        this.nsenter = nsenter;
    }

    /**
     * Runs {@code command}, which sets up a sandbox and then holds it with a {@code sleep}, and returns once that
     * {@code sleep} runs.
     *
     * @param nsenter the program with which commands join the sandbox
     */
    static NamespaceHolder start(List<String> command, Path nsenter) throws IOException {
        String program = Path.of(command.get(0)).getFileName().toString();
        Process launcher = new ProcessBuilder(command).redirectOutput(Redirect.DISCARD).start();
        long deadline = System.nanoTime() + START_LIMIT_NANOS;
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> sleeper = launcher.descendants().filter(NamespaceHolder::isSleep).findFirst();
            if (sleeper.isPresent()) {
                return new NamespaceHolder(launcher, sleeper.get(), nsenter);
            }
            if (!launcher.isAlive()) {
                String error = writtenError(launcher);
                throw new IOException(program + " exited with code " + launcher.exitValue() + " before its sandbox was up"
                        + (error.isEmpty() ? "" : ": " + error));
            }
            LockSupport.parkNanos(5_000_000L);
        }
        launcher.destroyForcibly();
        throw new IOException(program + "'s sandbox was not up after 10 seconds");
    }

    /** What the exited launcher wrote to stderr, without waiting for a child that still holds the pipe open. */
    private static String writtenError(Process launcher) throws IOException {
        InputStream stderr = launcher.getErrorStream();
        byte[] error = stderr.readNBytes(Math.min(stderr.available(), ERROR_LIMIT));
        return new String(error, StandardCharsets.UTF_8).strip();
    }

    /**
     * The command prefix that runs a program inside the sandbox: in its namespaces, under its root, in its
     * working directory.
     */
    List<String> enter() {
        return List.of(nsenter.toString(), "--target", Long.toString(inside.pid()),
                "--mount", "--uts", "--net", "--pid", "--root", "--wd", "--");
    }

    /**
     * Kills the sandbox's init; the kernel then kills every process left in its pid namespace. Returns once they
     * are all gone, including the ones that joined with {@code nsenter} and so are not the launcher's descendants.
     */
    void kill() {
        List<ProcessHandle> all = new ArrayList<>(launcher.descendants().toList());
        Optional<Path> namespace = pidNamespace(inside);
        namespace.ifPresent(ns -> ProcessHandle.allProcesses()
                .filter(p -> pidNamespace(p).equals(namespace)).forEach(all::add));
        launcher.destroyForcibly();
        all.add(launcher.toHandle());
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
