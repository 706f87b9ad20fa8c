package dev.kiln.testkit.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real OpenSSH client binaries ({@code ssh}, {@code sftp}, {@code ssh-keygen}) with a key of their own,
 * for tests of the local SSH servers. CI installs them with the Debian package openssh-client.
 */
public final class OpenSshClient {
    private final Path dir;
    private final Path identity;

    private OpenSshClient(Path dir, Path identity) {
        this.dir = dir;
        this.identity = identity;
    }

    /** A client with a new ed25519 key pair written into {@code dir}. */
    public static OpenSshClient withNewKey(Path dir, String name) {
        return withNewKey(dir, name, "ed25519");
    }

    /** A client with a new key pair of {@code type} ({@code ed25519}, {@code rsa}...) written into {@code dir}. */
    public static OpenSshClient withNewKey(Path dir, String name, String type) {
        Path identity = dir.resolve(name);
        Result keygen = run(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", identity.toString()), "");
        if (keygen.exitCode() != 0) {
            throw new IllegalStateException("ssh-keygen failed (install openssh-client): " + keygen);
        }
        return new OpenSshClient(dir, identity);
    }

    /** The public key as an OpenSSH line. */
    public String publicKeyLine() {
        try {
            return Files.readString(identity.resolveSibling(identity.getFileName() + ".pub")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} with {@code ssh}. */
    public Result exec(String host, int port, String user, String command) {
        return run(ssh(host, port, user, "/dev/null", command), "");
    }

    /** Starts {@code command} with {@code ssh} and returns the running client. */
    public Process start(String host, int port, String user, String command) {
        try {
            return new ProcessBuilder(ssh(host, port, user, "/dev/null", command)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs an {@code sftp} batch (one command a line, e.g. {@code put a /srv/a}). */
    public Result sftp(String host, int port, String user, String batch) {
        List<String> command = new ArrayList<>(List.of("sftp", "-b", "-", "-P", String.valueOf(port)));
        command.addAll(options("/dev/null"));
        command.add(user + "@" + host);
        return run(command, batch);
    }

    /**
     * Copies a local file to {@code remotePath} with {@code scp}; {@code legacy} uses the old SCP protocol
     * ({@code scp -O}, a remote {@code scp -t} as Packer's communicator runs it) instead of SFTP.
     */
    public Result scpUpload(String host, int port, String user, Path local, String remotePath, boolean legacy) {
        List<String> command = new ArrayList<>(List.of("scp", "-P", String.valueOf(port)));
        if (legacy) {
            command.add("-O");
        }
        command.addAll(options("/dev/null"));
        command.addAll(List.of(local.toString(), user + "@" + host + ":" + remotePath));
        return run(command, "");
    }

    /**
     * Logs in once, letting ssh record the host key it was shown, and returns that key's fingerprint as
     * {@code ssh-keygen -l} prints it ({@code SHA256:...}).
     */
    public String hostKeyFingerprintSeen(String host, int port, String user) {
        try {
            Path knownHosts = Files.createTempFile(dir, "known_hosts", "");
            Result login = run(ssh(host, port, user, knownHosts.toString(), "true"), "");
            if (login.exitCode() != 0) {
                throw new IllegalStateException("login failed: " + login);
            }
            Result list = run(List.of("ssh-keygen", "-l", "-f", knownHosts.toString()), "");
            return list.stdout().split(" ")[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> ssh(String host, int port, String user, String knownHosts, String command) {
        List<String> line = new ArrayList<>(List.of("ssh", "-p", String.valueOf(port)));
        line.addAll(options(knownHosts));
        line.add(user + "@" + host);
        line.add(command);
        return line;
    }

    private List<String> options(String knownHosts) {
        return List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
                // Debian's ssh_config turns GSSAPI on, which looks 127.0.x.y up in DNS: loopback only, no resolver
                "-o", "GSSAPIAuthentication=no", "-i", identity.toString());
    }

    /** Runs a program to its end (at most a minute) and returns what it printed. */
    public static Result run(List<String> command, String stdin) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("still running after a minute: " + command);
            }
            return new Result(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                    new String(stderr.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (install openssh-client)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a client program printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {
    }
}
