package dev.kiln.testkit.openssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSshServerTest {
    @TempDir
    static Path keys;
    static Path key;

    @BeforeAll
    static void clientKey() throws Exception {
        key = keys.resolve("id_ed25519");
        assertThat(run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).status).isZero();
    }


    @Test
    void theOpenSshClientLogsInRunsACommandAndTheServerComesBackOnTheSamePortAfterStop() throws Exception {
        try (OpenSshServer sshd = OpenSshServer.builder().authorizedKey(publicKey()).build()) {
            sshd.start();
            assertThat(ssh(sshd, "echo hello-from-$(id -un)").out).isEqualTo("hello-from-" + sshd.user() + "\n");

            sshd.stop();
            assertThat(sshd.isRunning()).isFalse();
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(sshd.host(), sshd.port()), 2000);
                }
            }).isInstanceOf(IOException.class);

            sshd.start();
            assertThat(ssh(sshd, "true").status).isZero();
            assertThat(sshd.log()).anyMatch(l -> l.startsWith("Server listening on 127.0.0.1 port " + sshd.port()));
        }
    }

    @Test
    void theHostKeyFingerprintIsTheOneSshKeygenPrintsAndTheKnownHostsLineVerifies() throws Exception {
        try (OpenSshServer sshd = OpenSshServer.builder().authorizedKey(publicKey()).build()) {
            sshd.start();
            Path pub = sshd.directory().resolve("ssh_host_ed25519_key.pub");
            assertThat(run("/usr/bin/ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()).out)
                    .contains(sshd.hostKeyFingerprint());
            Path knownHosts = keys.resolve("known_hosts");
            Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
            Result r = run("/usr/bin/ssh", "-i", key.toString(), "-p", String.valueOf(sshd.port()),
                    "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                    sshd.user() + "@" + sshd.host(), "true");
            assertThat(r.status).as(r.out).isZero();
        }
    }

    @Test
    void withoutSftpTheSftpSubsystemIsRefused() throws Exception {
        try (OpenSshServer sshd = OpenSshServer.builder().sftp(false).authorizedKey(publicKey()).build()) {
            sshd.start();
            Result r = run("/usr/bin/sftp", "-i", key.toString(), "-P", String.valueOf(sshd.port()),
                    "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                    sshd.user() + "@" + sshd.host());
            assertThat(r.status).isNotZero();
            assertThat(ssh(sshd, "true").status).isZero();
        }
    }

    private static String publicKey() throws IOException {
        return Files.readString(Path.of(key + ".pub"));
    }

    private static Result ssh(OpenSshServer sshd, String command) throws Exception {
        return run("/usr/bin/ssh", "-i", key.toString(), "-p", String.valueOf(sshd.port()), "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                sshd.user() + "@" + sshd.host(), command);
    }

    private record Result(int status, String out) {
    }

    private static Result run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
