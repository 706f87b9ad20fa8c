package dev.kiln.testkit.ssh;

import dev.kiln.core.Secret;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import dev.kiln.testkit.ssh.internal.HostKey;
import dev.kiln.testkit.ssh.internal.PublicKeys;
import dev.kiln.testkit.ssh.internal.Sshd;
import dev.kiln.testkit.ssh.internal.SshdSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A small embedded SSH server for tests: one user, public key (and optionally password) login, exec with
 * exit codes and stderr passed through, and SFTP, all over a working directory.
 *
 * <pre>{@code
 * try (LocalSshServer server = LocalSshServer.builder()
 *         .user("ec2-user")
 *         .authorizedKey(Files.readString(keyDir.resolve("id_ed25519.pub")))
 *         .directory(tempDir)
 *         .build()
 *         .start()) {
 *     connect("127.0.0.1", server.port(), server.hostKeyLine());
 * }
 * }</pre>
 *
 * <p>Commands run as {@code /bin/sh -c <command>} host processes in the directory unless a
 * {@link CommandLauncher} says otherwise. {@link #stop()} closes every connection and kills every process the
 * server started, with its descendants.
 */
public final class LocalSshServer implements AutoCloseable {
    /** OpenSSH's SFTP server, for {@link Builder#sftpServerCommand(String)}. */
    public static final String OPENSSH_SFTP_SERVER = "/usr/lib/openssh/sftp-server";

    private final Builder config;
    private final HostKey hostKey;
    private final List<PublicKey> authorizedKeys;
    private int boundPort;
    private Sshd running;

    private LocalSshServer(Builder config, HostKey hostKey, List<PublicKey> authorizedKeys) {
        this.config = config;
        this.hostKey = hostKey;
        this.authorizedKeys = authorizedKeys;
        this.boundPort = config.port;
    }

    /** A builder with the defaults: 127.0.0.1, a free port, a new ed25519 host key, SFTP on. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this server's settings. */
    public Builder toBuilder() {
        return config.copy();
    }

    /**
     * Starts listening; returns once connections are accepted. After {@link #stop()} it starts again on the
     * same address and port with the same host key.
     *
     * @throws UncheckedIOException when the address or port can't be bound
     */
    public synchronized LocalSshServer start() {
        if (running != null) {
            throw new IllegalStateException("the server is already running on " + config.bindAddress + ":" + boundPort);
        }
        try {
            running = Sshd.start(new SshdSettings(config.bindAddress, boundPort, config.user, authorizedKeys,
                    config.password, hostKey, config.directory, launcher(), config.sftp, config.sftpServerCommand,
                    config.admission));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an SSH server on " + config.bindAddress + ":" + boundPort, e);
        }
        boundPort = running.port();
        return this;
    }

    /** True between {@link #start()} and {@link #stop()}. */
    public synchronized boolean isRunning() {
        return running != null;
    }

    /** The port it listens on (the chosen free port when built with port 0). */
    public synchronized int port() {
        if (boundPort == 0) {
            throw new IllegalStateException("the server has not been started, so it has no port yet");
        }
        return boundPort;
    }

    /** The address it listens on, e.g. {@code 127.0.0.1}. */
    public String address() {
        return config.bindAddress;
    }

    /** The login user. */
    public String user() {
        return config.user;
    }

    /** The host key's fingerprint as OpenSSH prints it: {@code SHA256:<base64>}. */
    public String hostKeyFingerprint() {
        return hostKey.fingerprint();
    }

    /** The host public key as an OpenSSH line, e.g. {@code ssh-ed25519 AAAAC3Nz...}, for a known_hosts entry. */
    public String hostKeyLine() {
        return hostKey.publicKeyLine();
    }

    /** Closes the listener and every connection, and kills every process it started with its descendants. */
    public synchronized void stop() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private CommandLauncher launcher() {
        return config.launcher != null ? config.launcher : CommandLauncher.hostShell(config.directory);
    }

    @Override
    public String toString() {
        return "LocalSshServer[" + config.user + "@" + config.bindAddress + ":" + boundPort + "]";
    }

    /** Settings of a {@link LocalSshServer}; {@link #build()} checks them all and reports every problem at once. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private String user;
        private final List<String> authorizedKeys = new ArrayList<>();
        private Secret password;
        private Path hostKeyFile;
        private Path directory;
        private CommandLauncher launcher;
        private boolean sftp = true;
        private String sftpServerCommand;
        private BooleanSupplier admission = () -> true;

        private Builder() {
        }

        /** The loopback address to listen on; default {@code 127.0.0.1}. Any 127.x.y.z or {@code ::1} works. */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The one user that may log in, e.g. {@code ec2-user}. Required. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /**
         * Adds a public key accepted for the user, as an OpenSSH line ({@code ssh-ed25519 AAAA... comment}). With no
         * key and no password nobody can log in, like an EC2 instance launched without a key pair.
         */
        public Builder authorizedKey(String openSshLine) {
            this.authorizedKeys.add(openSshLine);
            return this;
        }

        /** Replaces the accepted public keys with these OpenSSH lines. */
        public Builder authorizedKeys(List<String> openSshLines) {
            this.authorizedKeys.clear();
            this.authorizedKeys.addAll(openSshLines);
            return this;
        }

        /** Also accepts password login with this password; off by default. */
        public Builder password(Secret password) {
            this.password = password;
            return this;
        }

        /**
         * Keeps the host key in this file (OpenSSH private key format, owner-only): read when it exists, else
         * generated and written, so a server rebuilt over the same file presents the same key. By default the
         * key is generated and lives in memory.
         */
        public Builder hostKeyFile(Path hostKeyFile) {
            this.hostKeyFile = hostKeyFile;
            return this;
        }

        /** The directory commands run in (and {@code HOME}), and the root the built-in SFTP server shows. Required. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** How commands are started; default {@link CommandLauncher#hostShell(Path)} over the directory. */
        public Builder commandLauncher(CommandLauncher launcher) {
            this.launcher = launcher;
            return this;
        }

        /** Serves the SFTP subsystem (the default) or not. */
        public Builder sftp(boolean enabled) {
            this.sftp = enabled;
            return this;
        }

        /**
         * Serves SFTP by running this command through the command launcher (for example
         * {@link #OPENSSH_SFTP_SERVER}), so SFTP sees exactly what commands see. By default a built-in SFTP
         * server shows the directory as {@code /}.
         */
        public Builder sftpServerCommand(String command) {
            this.sftpServerCommand = command;
            return this;
        }

        /** Asked for every new connection; when it says false the connection is closed at once. */
        public Builder admission(BooleanSupplier admission) {
            this.admission = admission;
            return this;
        }

        /**
         * Checks the settings and loads or creates the host key.
         *
         * @throws InvalidSpecException listing every problem
         */
        public LocalSshServer build() {
            List<Problem> problems = new ArrayList<>();
            checkBindAddress(problems);
            if (port < 0 || port > 65535) {
                problems.add(new Problem("port", "is " + port, "use 0 for a free port or a port from 1 to 65535"));
            }
            if (user == null || user.isBlank()) {
                problems.add(new Problem("user", "is missing", "set the login user, e.g. user(\"ec2-user\")"));
            }
            if (directory == null) {
                problems.add(new Problem("directory", "is missing", "set the directory commands run in"));
            }
            if (admission == null) {
                problems.add(new Problem("admission", "is null", "leave it unset to admit every connection"));
            }
            List<PublicKey> keys = PublicKeys.parse(authorizedKeys, problems);
            if (!problems.isEmpty()) {
                throw new InvalidSpecException("LocalSshServer", problems);
            }
            HostKey hostKey = hostKeyFile == null ? HostKey.generate() : HostKey.loadOrGenerate(hostKeyFile);
            return new LocalSshServer(copy(), hostKey, keys);
        }

        private void checkBindAddress(List<Problem> problems) {
            if (bindAddress == null || bindAddress.isBlank()) {
                problems.add(new Problem("bindAddress", "is missing", "use a loopback address such as 127.0.0.1"));
                return;
            }
            try {
                if (!InetAddress.getByName(bindAddress).isLoopbackAddress()) {
                    problems.add(new Problem("bindAddress", bindAddress + " is not a loopback address",
                            "use 127.0.0.1, another 127.x.y.z address or ::1"));
                }
            } catch (UnknownHostException e) {
                problems.add(new Problem("bindAddress", bindAddress + " is not an address",
                        "use a loopback address such as 127.0.0.1"));
            }
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.bindAddress = bindAddress;
            copy.port = port;
            copy.user = user;
            copy.authorizedKeys.addAll(authorizedKeys);
            copy.password = password;
            copy.hostKeyFile = hostKeyFile;
            copy.directory = directory;
            copy.launcher = launcher;
            copy.sftp = sftp;
            copy.sftpServerCommand = sftpServerCommand;
            copy.admission = admission;
            return copy;
        }
    }
}
