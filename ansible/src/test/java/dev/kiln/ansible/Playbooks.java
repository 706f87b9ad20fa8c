package dev.kiln.ansible;

import dev.kiln.ansible.internal.ProcessTree;
import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildHandle;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The playbook fixtures, and what the tests look at after a run. */
final class Playbooks {
    private Playbooks() {
    }

    /** A playbook of {@code src/test/resources/playbooks}. */
    static Path playbook(String name) {
        try {
            return Path.of(Playbooks.class.getResource("/playbooks/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private directories of Ansible runs now in the temp directory. */
    static List<Path> workspaces() {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("kiln-ansible-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's Ansible processes now alive: ansible-playbook and its workers, ansible-galaxy, ssh, ssh-agent. */
    static List<ProcessHandle> ansibleProcesses() {
        return ProcessHandle.current().descendants().filter(Playbooks::isAnsible).toList();
    }

    /**
     * True for ansible-playbook, its workers, ansible-galaxy, ssh, ssh-add and ssh-agent; not for what Ansible
     * starts on an sshd of the test's own.
     */
    static boolean isAnsible(ProcessHandle process) {
        String line = process.info().commandLine().orElse("");
        String name = name(process);
        return line.contains("ansible-playbook") || line.contains("ansible-galaxy") || name.equals("ssh")
                || name.equals("ssh-agent") || name.equals("ssh-add");
    }

    /**
     * The program's name from {@code /proc/PID/stat}, which stays readable for ssh-agent: it makes itself
     * non-dumpable, which hides its command line and executable.
     */
    static String name(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * A build cancelled in the middle of a task.
     *
     * @param running the program names of the Ansible processes that ran at the cancel
     * @param stopped how long after the cancel ansible-playbook and its children were gone (the agent, not its
     *     child, goes right after them; it is gone when the build ends)
     * @param result the build's result
     */
    record Cancelled(List<String> running, Duration stopped, BuildResult result) {
    }

    /** Starts the build, and cancels it once {@code task} has started on the machine (its ssh runs). */
    static Cancelled cancelDuring(String task, ImageSpec spec, ByteArrayOutputStream console) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Kiln kiln = kiln(console).toBuilder().listener(event -> {
            if (event instanceof BuildEvent.OutputLine line && line.line().startsWith("TASK [" + task + "]")) {
                started.countDown();
            }
        }).build();
        BuildHandle handle = kiln.start(spec);
        if (!started.await(120, TimeUnit.SECONDS)) {
            handle.cancel();
            throw new AssertionError("the task did not start: " + console.toString(StandardCharsets.UTF_8));
        }
        // the header comes before the worker starts ssh: the task runs on the machine once an ssh process is up
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ansibleProcesses().stream().noneMatch(p -> name(p).equals("ssh")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<ProcessHandle> running = ansibleProcesses();
        List<String> names = running.stream().map(Playbooks::name).toList();
        long cancelled = System.nanoTime();
        handle.cancel();
        List<ProcessHandle> ansible = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            if (!names.get(i).equals("ssh-agent")) {
                ansible.add(running.get(i));
            }
        }
        ProcessTree.awaitExit(ansible, Duration.ofSeconds(10));
        Duration stopped = Duration.ofNanos(System.nanoTime() - cancelled);
        BuildResult result = handle.await();
        if (running.stream().anyMatch(ProcessHandle::isAlive)) {
            throw new AssertionError("Ansible's processes outlived the build: " + names);
        }
        return new Cancelled(names, stopped, result);
    }

    /** The first failure's message of a build, for assertions. */
    static String failure(BuildResult result) {
        return result.sources().get(0).error().map(Throwable::getMessage).orElse("");
    }

    /** A runner printing Packer-style output into {@code console}. */
    static Kiln kiln(ByteArrayOutputStream console) {
        return Kiln.builder().listener(new ConsoleListener(new PrintStream(console, true, StandardCharsets.UTF_8)))
                .build();
    }

    /** A file's text. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
