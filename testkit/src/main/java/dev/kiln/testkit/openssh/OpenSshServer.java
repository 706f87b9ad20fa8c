package dev.kiln.testkit.openssh;

import dev.kiln.core.internal.FileTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server ({@code /usr/sbin/sshd} from Debian's openssh-server) run as a child process on
 * 127.0.0.1 for tests, with its own config, host key, authorized keys and pid file in a temp directory. It
 * never reads or changes {@code /etc/ssh} and never touches a system sshd. The login user is the user
 * running the tests.
 *
 * <pre>{@code
 * try (OpenSshServer sshd = OpenSshServer.builder().authorizedKey(keys.publicKeyLine()).build()) {
 *     sshd.start();
 *     SshTarget target = SshTarget.builder().host(sshd.host()).port(sshd.port()).user(sshd.user())...;
 * }
 * }</pre>
 *
 * <p>The port is chosen when the server is built, so a test can start waiting before {@link #start()};
 * {@link #stop()} kills the server and every session it forked, and {@link #start()} brings it back on the
 * same port. sshd insists on its privilege separation directory {@code /run/sshd}; when it is missing and
 * the tests run as root, it is created (empty, mode 0755).
 */
public final class OpenSshServer implements AutoCloseable {
    /** Where Debian's openssh-server puts sshd. */
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
    private static final Path SFTP_SERVER = Path.of("/usr/lib/openssh/sftp-server");
    private static final Path PRIVSEP_DIR = Path.of("/run/sshd");
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final int STDERR_LINES = 200;

    private final Path dir;
    private final int port;
    private final boolean sftp;
    private final List<String> extraConfig;
    private final Path hostKey;
    private final Deque<String> stderr = new ArrayDeque<>();
    private Process process;

    private OpenSshServer(Builder b) throws IOException {
        this.sftp = b.sftp;
        this.extraConfig = List.copyOf(b.extraConfig);
        this.port = b.port != 0 ? b.port : freePort();
        this.dir = Files.createTempDirectory("kiln-sshd-");
        this.hostKey = dir.resolve("ssh_host_ed25519_key");
        run(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "kiln-test-host", "-f", hostKey.toString());
        Files.writeString(dir.resolve("authorized_keys"), String.join("\n", b.authorizedKeys) + "\n");
        Files.writeString(dir.resolve("sshd_config"), config());
    }

    /** A builder: SFTP on, no authorized keys, a free port. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts sshd and returns once it is listening: its stderr said "Server listening" and a TCP connect to its
     * port succeeds.
     *
     * @throws IllegalStateException when sshd is missing, exits, or is not listening within 20 seconds; the
     *     message carries its stderr
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException(SSHD + " is missing: install Debian's openssh-server (apt-get install "
                    + "openssh-server openssh-client)");
        }
        ensurePrivsepDir();
        synchronized (stderr) {
            stderr.clear();
        }
        CountDownLatch listening = new CountDownLatch(1);
        try {
            process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + SSHD, e);
        }
        Process started = process;
        Thread reader = new Thread(() -> readStderr(started, listening), "sshd-stderr :" + port);
        reader.setDaemon(true);
        reader.start();
        awaitListening(started, listening);
    }

    /** Kills sshd and every session process it forked (as a machine that loses power), and waits for them. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().join();
        }
        process = null;
    }

    /** True while sshd runs. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stop();
        FileTrees.deleteTree(dir);
    }

    /** Adds a public key line to the authorized keys (takes effect for the next login). */
    public void authorize(String publicKeyLine) {
        try {
            Files.writeString(dir.resolve("authorized_keys"), publicKeyLine.strip() + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address sshd listens on: {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The port sshd listens on (fixed for the server's life). */
    public int port() {
        return port;
    }

    /** The login user: the user running the tests. */
    public String user() {
        return System.getProperty("user.name");
    }

    /** The server's Ed25519 host key as a public-key line ({@code ssh-ed25519 AAAA... comment}). */
    public String hostKeyLine() {
        try {
            return Files.readString(Path.of(hostKey + ".pub")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host key's SHA-256 fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:...}. */
    public String hostKeyFingerprint() {
        byte[] blob = Base64.getDecoder().decode(hostKeyLine().split(" ")[1]);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A known_hosts line for this server: {@code [127.0.0.1]:port ssh-ed25519 AAAA...}. */
    public String knownHostsLine() {
        String[] parts = hostKeyLine().split(" ");
        return "[" + HOST + "]:" + port + " " + parts[0] + " " + parts[1];
    }

    /** The directory holding the config, keys and pid file. */
    public Path directory() {
        return dir;
    }

    /** The last lines sshd wrote to stderr (its log), for diagnostics. */
    public List<String> log() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    private String config() {
        StringBuilder c = new StringBuilder();
        c.append("Port ").append(port).append('\n')
                .append("ListenAddress ").append(HOST).append('\n')
                .append("HostKey ").append(hostKey).append('\n')
                .append("PidFile ").append(dir.resolve("sshd.pid")).append('\n')
                .append("AuthorizedKeysFile ").append(dir.resolve("authorized_keys")).append('\n')
                .append("StrictModes no\n")
                .append("UsePAM no\n")
                .append("PermitRootLogin prohibit-password\n")
                .append("PubkeyAuthentication yes\n")
                .append("PasswordAuthentication no\n")
                .append("KbdInteractiveAuthentication no\n")
                .append("AllowTcpForwarding yes\n")
                .append("UseDNS no\n")
                .append("PrintMotd no\n")
                .append("MaxStartups 100\n")
                .append("MaxSessions 100\n")
                .append("LogLevel INFO\n");
        if (sftp) {
            c.append("Subsystem sftp ").append(SFTP_SERVER).append('\n');
        }
        extraConfig.forEach(line -> c.append(line).append('\n'));
        return c.toString();
    }

    private void readStderr(Process p, CountDownLatch listening) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (stderr) {
                    if (stderr.size() == STDERR_LINES) {
                        stderr.removeFirst();
                    }
                    stderr.addLast(line);
                }
                if (line.startsWith("Server listening on " + HOST + " port " + port)) {
                    listening.countDown();
                }
            }
        } catch (IOException e) {
            // The process ended; its exit is noticed by awaitListening.
        }
    }

    private void awaitListening(Process p, CountDownLatch listening) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (!listening.await(50, TimeUnit.MILLISECONDS)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("sshd exited with status " + p.exitValue() + " on port " + port
                            + ": " + String.join("\n", log()));
                }
                if (System.nanoTime() > deadline) {
                    stop();
                    throw new IllegalStateException("sshd did not say \"Server listening\" within " + START_TIMEOUT
                            + ": " + String.join("\n", log()));
                }
            }
            while (!accepts()) {
                if (System.nanoTime() > deadline) {
                    stop();
                    throw new IllegalStateException("sshd does not accept connections on port " + port);
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting sshd", e);
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void ensurePrivsepDir() {
        if (Files.isDirectory(PRIVSEP_DIR)) {
            return;
        }
        try {
            Files.createDirectories(PRIVSEP_DIR);
        } catch (IOException e) {
            throw new IllegalStateException("sshd needs its privilege separation directory " + PRIVSEP_DIR
                    + " and it cannot be created here: run `mkdir -p -m 0755 /run/sshd` as root", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(HOST, 0));
            return s.getLocalPort();
        }
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command[0], e);
        }
    }

    /** Builds an {@link OpenSshServer}: the server's files are laid out by {@link #build()}, which does not start it. */
    public static final class Builder {
        private boolean sftp = true;
        private int port;
        private final List<String> authorizedKeys = new ArrayList<>();
        private final List<String> extraConfig = new ArrayList<>();

        private Builder() {
        }

        /** Whether sshd offers the sftp subsystem (default true); false leaves only SCP and exec. */
        public Builder sftp(boolean sftp) {
            this.sftp = sftp;
            return this;
        }

        /** A fixed port instead of a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Adds an sshd_config line, e.g. {@code PubkeyAcceptedAlgorithms rsa-sha2-256}. Only options this class
         * does not set itself take effect (sshd keeps the first value of an option).
         */
        public Builder config(String line) {
            extraConfig.add(line);
            return this;
        }

        /** Authorizes an OpenSSH public key line for the login user. */
        public Builder authorizedKey(String publicKeyLine) {
            authorizedKeys.add(publicKeyLine.strip());
            return this;
        }

        /** Lays out the server's directory (host key, config); call {@link OpenSshServer#start()} next. */
        public OpenSshServer build() {
            try {
                return new OpenSshServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare an OpenSSH server", e);
            }
        }
    }
}
