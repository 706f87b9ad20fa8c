package dev.kiln.ssh.bench;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.TransferListener;
import dev.kiln.core.internal.FileTrees;
import dev.kiln.ssh.SshCommunicator;
import dev.kiln.ssh.SshKeyPair;
import dev.kiln.ssh.SshKeys;
import dev.kiln.ssh.SshTarget;
import dev.kiln.testkit.openssh.OpenSshServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Compares Kiln's SSH communicator with the OpenSSH client over loopback, against a real sshd it starts:
 * exec latency (200 sequential {@code true} over one connection vs {@code ssh} through one ControlMaster
 * connection) and upload throughput (a 256 MiB file vs {@code sftp} and {@code scp}). Prints each ratio on its
 * own line. Not a test: run it with the command in ssh/README.md.
 */
public final class SshBenchmark {
    private static final int COMMANDS = 200;
    private static final int WARMUP = 30;
    private static final long FILE_SIZE = 256L * 1024 * 1024;
    private static final int ROUNDS = 5;
    /** The cipher Kiln negotiates with OpenSSH (its first preference). */
    private static final String KILN_CIPHER = "aes128-gcm@openssh.com";
    /** Which part to run: {@code all} (the default), {@code exec} or {@code upload}. */
    private static final String PART = System.getProperty("kiln.bench", "all");

    private SshBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("kiln-ssh-bench-");
        Path clientKey = work.resolve("id_ed25519");
        run(List.of("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", clientKey.toString()));
        SshKeyPair keys = SshKeys.generate();
        // HOME points at an empty directory so the login shell reads no rc files: both clients then measure
        // the SSH work itself, not whatever the test user's ~/.bashrc runs for every command.
        try (OpenSshServer sshd = OpenSshServer.builder().authorizedKey(keys.publicKeyLine())
                .authorizedKey(Files.readString(Path.of(clientKey + ".pub")))
                .config("SetEnv HOME=" + Files.createDirectories(work.resolve("home"))).build()) {
            sshd.start();
            SshTarget target = SshTarget.builder().host(sshd.host()).port(sshd.port()).user(sshd.user())
                    .privateKey(keys.privateKey()).build();
            OpenSsh openssh = new OpenSsh(sshd, clientKey, work.resolve("control"));
            try (SshCommunicator kiln = SshCommunicator.connect(target, line -> { })) {
                if (PART.equals("all") || PART.equals("exec")) {
                    exec(kiln, openssh);
                }
                if (PART.equals("all") || PART.equals("upload")) {
                    upload(kiln, openssh, work);
                }
            }
        } finally {
            FileTrees.deleteTree(work);
        }
    }

    private static void exec(SshCommunicator kiln, OpenSsh openssh) throws Exception {
        openssh.startMaster();
        double[] best;
        try {
            best = interleaved(() -> kilnExec(kiln), openssh::exec);
        } finally {
            openssh.stopMaster();
        }
        double kilnExec = best[0];
        double sshExec = best[1];
        System.out.printf(Locale.ROOT, "exec: kiln %.3f ms/command, openssh ControlMaster %.3f ms/command "
                + "(%d sequential `true`, best of %d interleaved rounds)%n", kilnExec, sshExec, COMMANDS, ROUNDS);
        System.out.printf(Locale.ROOT, "exec latency ratio kiln/openssh = %.2f (target <= 1.20)%n",
                kilnExec / sshExec);
    }

    private static void upload(SshCommunicator kiln, OpenSsh openssh, Path work) throws Exception {
        Path file = work.resolve("payload.bin");
        writeRandom(file, FILE_SIZE);
        double[] best = interleaved(
                () -> seconds(() -> kiln.upload(file, "/tmp/kiln-bench-kiln", TransferListener.NONE)),
                () -> seconds(() -> openssh.sftpPut(file, "/tmp/kiln-bench-sftp")),
                () -> seconds(() -> openssh.scp(file, "/tmp/kiln-bench-scp")),
                () -> seconds(() -> openssh.sftpPut(file, "/tmp/kiln-bench-sftp", "-c", KILN_CIPHER)));
        double kilnUpload = best[0];
        double sftpUpload = best[1];
        double scpUpload = best[2];
        double sftpGcmUpload = best[3];
        List<String> sums = new ArrayList<>();
        kiln.execute(Command.of("sha256sum " + file + " /tmp/kiln-bench-kiln /tmp/kiln-bench-sftp /tmp/kiln-bench-scp"
                + " | cut -d' ' -f1; rm -f /tmp/kiln-bench-kiln /tmp/kiln-bench-sftp /tmp/kiln-bench-scp"),
                (stream, line) -> sums.add(line));
        if (sums.size() != 4 || sums.stream().distinct().count() != 1) {
            throw new IllegalStateException("an uploaded copy differs from the original: " + sums);
        }
        double mib = FILE_SIZE / (1024.0 * 1024.0);
        System.out.printf(Locale.ROOT, "upload of %.0f MiB: kiln %.0f MiB/s, sftp %.0f MiB/s, scp %.0f MiB/s "
                + "(OpenSSH default cipher), sftp on %s %.0f MiB/s (best of %d interleaved rounds)%n", mib, mib / kilnUpload,
                mib / sftpUpload, mib / scpUpload, KILN_CIPHER, mib / sftpGcmUpload, ROUNDS);
        System.out.printf(Locale.ROOT, "upload throughput ratio kiln/sftp = %.2f (target >= 0.90)%n",
                sftpUpload / kilnUpload);
        System.out.printf(Locale.ROOT, "upload throughput ratio kiln/sftp with sftp also on %s = %.2f%n", KILN_CIPHER,
                sftpGcmUpload / kilnUpload);
        System.out.printf(Locale.ROOT, "upload throughput ratio kiln/scp = %.2f (target >= 0.90)%n",
                scpUpload / kilnUpload);
    }

    /** Milliseconds per command for 200 sequential commands (after a warm-up). */
    private static double kilnExec(SshCommunicator kiln) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            check(kiln.execute(Command.of("true"), OutputSink.DISCARD));
        }
        long start = System.nanoTime();
        for (int i = 0; i < COMMANDS; i++) {
            check(kiln.execute(Command.of("true"), OutputSink.DISCARD));
        }
        return (System.nanoTime() - start) / 1e6 / COMMANDS;
    }

    private static void check(CommandResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("`true` failed: " + result);
        }
    }

    /**
     * The best (lowest) result of each measure over {@link #ROUNDS} rounds; each round runs every measure once,
     * so a change in the machine's load affects all of them alike.
     */
    private static double[] interleaved(Measure... measures) throws Exception {
        double[] best = new double[measures.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < measures.length; i++) {
                best[i] = Math.min(best[i], measures[i].run());
            }
        }
        return best;
    }

    private static double seconds(Action a) throws Exception {
        long start = System.nanoTime();
        a.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void writeRandom(Path file, long size) throws IOException {
        Random random = new Random(42);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    @FunctionalInterface
    private interface Measure {
        double run() throws Exception;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** The OpenSSH client, sharing one ControlMaster connection for exec. */
    private record OpenSsh(OpenSshServer sshd, Path key, Path socket) {
        private List<String> options(String portFlag) {
            return List.of("-i", key.toString(), portFlag, String.valueOf(sshd.port()), "-o", "BatchMode=yes",
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                    "-o", "GSSAPIAuthentication=no");
        }

        private List<String> ssh(String... rest) {
            List<String> c = new ArrayList<>(List.of("/usr/bin/ssh"));
            c.addAll(options("-p"));
            c.addAll(List.of("-S", socket.toString()));
            c.add(sshd.user() + "@" + sshd.host());
            c.addAll(List.of(rest));
            return c;
        }

        void startMaster() throws Exception {
            List<String> c = new ArrayList<>(List.of("/usr/bin/ssh"));
            c.addAll(options("-p"));
            c.addAll(List.of("-M", "-S", socket.toString(), "-o", "ControlPersist=yes", "-f", "-N",
                    sshd.user() + "@" + sshd.host()));
            run(c);
        }

        void stopMaster() throws Exception {
            run(ssh("-O", "exit"));
        }

        double exec() throws Exception {
            for (int i = 0; i < WARMUP; i++) {
                run(ssh("true"));
            }
            long start = System.nanoTime();
            for (int i = 0; i < COMMANDS; i++) {
                run(ssh("true"));
            }
            return (System.nanoTime() - start) / 1e6 / COMMANDS;
        }

        void sftpPut(Path file, String remote, String... extra) throws Exception {
            Path batch = file.resolveSibling("sftp-batch");
            Files.writeString(batch, "put " + file + " " + remote + "\n");
            List<String> c = new ArrayList<>(List.of("/usr/bin/sftp", "-q", "-b", batch.toString()));
            c.addAll(List.of(extra));
            c.addAll(options("-P"));
            c.add(sshd.user() + "@" + sshd.host());
            run(c);
        }

        void scp(Path file, String remote) throws Exception {
            List<String> c = new ArrayList<>(List.of("/usr/bin/scp", "-q"));
            c.addAll(options("-P"));
            c.add(file.toString());
            c.add(sshd.user() + "@" + sshd.host() + ":" + remote);
            run(c);
        }
    }
}
