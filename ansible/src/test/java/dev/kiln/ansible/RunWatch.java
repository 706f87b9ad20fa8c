package dev.kiln.ansible;

import dev.kiln.core.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches a build from beside it: scans the temp and home directories, over and over, for any file written since
 * the watch began that holds the private key, and records this JVM's Ansible processes
 * ({@link Playbooks#isAnsible}) so that a test can check they are all gone.
 */
final class RunWatch implements AutoCloseable {
    /** The hidden folders scanned: SSH's and Ansible's; the others hold tools, caches and settings. */
    private static final Set<String> HIDDEN_SCANNED = Set.of(".ssh", ".ansible");

    private final String keyLine;
    private final FileTime since = FileTime.from(Instant.now().minusSeconds(1));
    private final Map<ProcessHandle, String> processes = new ConcurrentHashMap<>();
    private final Set<Path> keyFiles = ConcurrentHashMap.newKeySet();
    private final AtomicInteger scansWhileAnsibleRan = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * Starts watching for the middle line of {@code key}'s base64 body: it holds key bytes, where the first lines
     * of every OpenSSH key of a type are the same header.
     */
    RunWatch(Secret key) {
        List<String> body = key.reveal().lines().filter(line -> !line.startsWith("-----")).toList();
        keyLine = body.get(body.size() / 2);
        thread = new Thread(this::watch, "run-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (!stopped) {
            boolean ansibleRan = recordProcesses();
            scan(Path.of(System.getProperty("java.io.tmpdir")));
            scan(Path.of(System.getProperty("user.home")));
            if (ansibleRan && recordProcesses()) {
                scansWhileAnsibleRan.incrementAndGet();
            }
            try {
                Thread.sleep(20); // leaves the cores to the build between passes
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Records this JVM's Ansible processes; true when ansible-playbook runs. */
    private boolean recordProcesses() {
        boolean running = false;
        for (ProcessHandle p : Playbooks.ansibleProcesses()) {
            processes.putIfAbsent(p, Playbooks.name(p));
            running |= p.info().commandLine().orElse("").contains("ansible-playbook");
        }
        return running;
    }

    private void scan(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = String.valueOf(dir.getFileName());
                    return !dir.equals(root) && name.startsWith(".") && !HIDDEN_SCANNED.contains(name)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && attrs.size() < 1_000_000 && attrs.lastModifiedTime().compareTo(since) >= 0
                            && holdsKey(file)) {
                        keyFiles.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a folder vanished while walked: the next pass sees the tree as it is then
        }
    }

    private boolean holdsKey(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(keyLine);
        } catch (IOException e) {
            return false;
        }
    }

    /** The files found holding the key. */
    Set<Path> keyFiles() {
        return Set.copyOf(keyFiles);
    }

    /** How many full scans began and ended while ansible-playbook ran. */
    int scansWhileAnsibleRan() {
        return scansWhileAnsibleRan.get();
    }

    /** Every Ansible process seen. */
    List<ProcessHandle> processes() {
        recordProcesses();
        return List.copyOf(processes.keySet());
    }

    /** The program names of the Ansible processes seen, e.g. {@code ssh-agent}. */
    Set<String> names() {
        return Set.copyOf(processes.values());
    }

    /** The Ansible processes still alive. */
    List<ProcessHandle> alive() {
        return processes.keySet().stream().filter(ProcessHandle::isAlive).toList();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }
}
