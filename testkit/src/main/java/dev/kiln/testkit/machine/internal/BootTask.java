package dev.kiln.testkit.machine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What cloud-init does when an instance boots, done for a local machine: sets the hostname, installs the
 * instance's keys for the default user, prints the SSH host key fingerprints on the console and finally writes
 * {@code /var/lib/cloud/instance/boot-finished}, which provisioners wait for.
 */
final class BootTask implements Runnable {
    static final String BOOT_FINISHED = "var/lib/cloud/instance/boot-finished";
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path root;
    private final String hostname;
    private final String user;
    private final List<String> authorizedKeys;
    private final String hostKeyFingerprint;
    private final String hostKeyLine;
    private final Consumer<String> console;
    private final long bootStartedNanos = System.nanoTime();

    BootTask(Path root, String hostname, String user, List<String> authorizedKeys, String hostKeyFingerprint,
            String hostKeyLine, Consumer<String> console) {
        this.root = root;
        this.hostname = hostname;
        this.user = user;
        this.authorizedKeys = authorizedKeys;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.hostKeyLine = hostKeyLine;
        this.console = console;
    }

    /** Removes the previous boot's marker; called before the machine starts serving. */
    static void forgetPreviousBoot(Path root) throws IOException {
        Files.deleteIfExists(root.resolve(BOOT_FINISHED));
    }

    @Override
    public void run() {
        try {
            console.accept("kiln-init: running 'init' at " + RFC_2822.format(Instant.now()) + ". Up " + uptime() + " seconds.");
            RootFs.write(root.resolve("etc/hostname"), hostname + "\n");
            RootFs.write(root.resolve("etc/hosts"), "127.0.0.1 localhost\n127.0.1.1 " + hostname + "\n");
            Path ssh = root.resolve("home").resolve(user).resolve(".ssh");
            RootFs.write(ssh.resolve("authorized_keys"), String.join("\n", authorizedKeys) + (authorizedKeys.isEmpty() ? "" : "\n"));
            console.accept("kiln-init: installed " + authorizedKeys.size() + " authorized key(s) for " + user);
            console.accept("-----BEGIN SSH HOST KEY FINGERPRINTS-----");
            console.accept("256 " + hostKeyFingerprint + " root@" + hostname + " (ED25519)");
            console.accept("-----END SSH HOST KEY FINGERPRINTS-----");
            console.accept("-----BEGIN SSH HOST KEY KEYS-----");
            console.accept(hostKeyLine + " root@" + hostname);
            console.accept("-----END SSH HOST KEY KEYS-----");
            String finished = uptime() + " - " + RFC_2822.format(Instant.now()) + " - v. kiln-local";
            RootFs.write(root.resolve(BOOT_FINISHED), finished + "\n");
            console.accept("kiln-init: finished at " + RFC_2822.format(Instant.now()) + ". Up " + uptime() + " seconds");
        } catch (IOException e) {
            console.accept("kiln-init: boot failed: " + e.getMessage());
            throw new UncheckedIOException(e);
        }
    }

    private String uptime() {
        double seconds = (System.nanoTime() - bootStartedNanos) / 1e9;
        return String.format(Locale.ROOT, "%.2f", seconds);
    }
}
