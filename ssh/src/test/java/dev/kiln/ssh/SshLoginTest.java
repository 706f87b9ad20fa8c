package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import dev.kiln.core.Secret;
import dev.kiln.testkit.openssh.OpenSshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Logging in to real OpenSSH: key types, key formats, wrong keys and host key policies. */
class SshLoginTest {
    static final SshKeyPair ED25519 = SshKeys.generate();
    /** One RSA key for every RSA test, of the size Kiln's temporary key pairs are. */
    static final SshKeyPair RSA = SshKeys.generate(SshKeyType.RSA_2048);
    static OpenSshServer sshd;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        sshd = Servers.started(ED25519);
    }

    @AfterAll
    static void stop() {
        sshd.close();
    }

    @Test
    void logsInWithAGeneratedEd25519KeyAndRunsAsTheUser() throws Exception {
        try (SshCommunicator ssh = SshCommunicator.connect(Servers.target(sshd, ED25519).build())) {
            assertThat(Servers.stdout(ssh, "id -un")).containsExactly(sshd.user());
        }
        assertThat(sshd.log()).anyMatch(l -> l.contains("Accepted publickey") && l.contains("ED25519 "
                + ED25519.fingerprint()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-sha2-512,rsa-sha2-256", "rsa-sha2-512", "rsa-sha2-256"})
    void logsInWithAGeneratedRsaKeyWhenTheServerAcceptsOnlySha2Signatures(String algorithms) throws Exception {
        try (OpenSshServer sha2 = rsaServer(algorithms)) {
            try (SshCommunicator ssh = SshCommunicator.connect(Servers.target(sha2, RSA).build())) {
                assertThat(Servers.stdout(ssh, "echo ok")).containsExactly("ok");
            }
            assertThat(sha2.log()).anyMatch(l -> l.contains("Accepted publickey") && l.contains("RSA "
                    + RSA.fingerprint()));
        }
    }

    @Test
    void anRsaKeyNeverSignsWithSha1EvenWhenTheServerWouldAcceptIt() throws Exception {
        try (OpenSshServer sha1 = rsaServer("ssh-rsa")) {
            // a JSch client told to use ssh-rsa gets in: the server does take SHA-1 signatures
            JSch jsch = new JSch();
            jsch.addIdentity("rsa", RSA.privateKey().reveal().getBytes(StandardCharsets.UTF_8), null, null);
            Session plain = jsch.getSession(sha1.user(), sha1.host(), sha1.port());
            plain.setConfig("StrictHostKeyChecking", "no");
            plain.setConfig("PubkeyAcceptedAlgorithms", "ssh-rsa");
            plain.connect(10_000);
            plain.disconnect();

            assertThatThrownBy(() -> SshCommunicator.connect(Servers.target(sha1, RSA).handshakeAttempts(1).build()))
                    .isInstanceOf(SshException.class)
                    .hasMessageContaining("authentication failed");
        }
    }

    @Test
    void jschsGlobalSettingsCannotBringSha1Back() throws Exception {
        // what an application's JSch.setConfig(...) or -Djsch.client_pubkey=ssh-rsa would do to every JSch session
        String pubkey = JSch.getConfig("PubkeyAcceptedAlgorithms");
        String hostKey = JSch.getConfig("server_host_key");
        JSch.setConfig("PubkeyAcceptedAlgorithms", "ssh-rsa");
        JSch.setConfig("server_host_key", "ssh-rsa");
        try (OpenSshServer sha2 = rsaServer("rsa-sha2-512,rsa-sha2-256");
                SshCommunicator ssh = SshCommunicator.connect(Servers.target(sha2, RSA).build())) {
            assertThat(Servers.stdout(ssh, "echo sha2")).containsExactly("sha2");
        } finally {
            JSch.setConfig("PubkeyAcceptedAlgorithms", pubkey);
            JSch.setConfig("server_host_key", hostKey);
        }
    }

    /** A started sshd that takes the RSA key with only these signature algorithms. */
    private static OpenSshServer rsaServer(String algorithms) {
        OpenSshServer server = OpenSshServer.builder().authorizedKey(RSA.publicKeyLine())
                .config("PubkeyAcceptedAlgorithms " + algorithms).build();
        server.start();
        return server;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecdsa", "rsa-pem", "ed25519-encrypted"})
    void logsInWithKeysMadeBySshKeygen(String kind) throws Exception {
        Path key = tmp.resolve("id_" + kind);
        String passphrase = kind.endsWith("encrypted") ? "correct horse" : "";
        List<String> args = switch (kind) {
            case "ecdsa" -> List.of("-t", "ecdsa", "-b", "256");
            case "rsa-pem" -> List.of("-t", "rsa", "-b", "2048", "-m", "PEM");
            default -> List.of("-t", "ed25519");
        };
        run(concat(List.of("/usr/bin/ssh-keygen", "-q", "-N", passphrase, "-f", key.toString()), args));
        sshd.authorize(Files.readString(Path.of(key + ".pub")));
        Secret text = Secret.of(Files.readString(key));
        SshTarget.Builder target = Servers.target(sshd, ED25519);
        target = passphrase.isEmpty() ? target.privateKey(text) : target.privateKey(text, Secret.of(passphrase));
        try (SshCommunicator ssh = SshCommunicator.connect(target.build())) {
            assertThat(Servers.stdout(ssh, "echo " + kind)).containsExactly(kind);
        }
    }

    @Test
    @Timeout(60)
    void aWrongKeyFailsAfterTheHandshakeAttemptsWithAClearAuthenticationErrorNotAfterTheReadyTimeout() {
        SshKeyPair stranger = SshKeys.generate();
        SshTarget target = Servers.target(sshd, stranger).readyTimeout(Duration.ofMinutes(10)).handshakeAttempts(2)
                .build();

        assertThatThrownBy(() -> SshCommunicator.connect(target))
                .isInstanceOf(SshException.class)
                .hasMessageContaining("authentication failed 2 times")
                .hasMessageContaining(sshd.user() + "@127.0.0.1:" + sshd.port())
                .hasMessageContaining("after 2 attempts")
                .hasMessageNotContaining(stranger.privateKey().reveal().lines().skip(1).findFirst().orElseThrow())
                .satisfies(e -> {
                    SshException ssh = (SshException) e;
                    assertThat(ssh.host()).isEqualTo("127.0.0.1");
                    assertThat(ssh.port()).isEqualTo(sshd.port());
                    assertThat(ssh.user()).isEqualTo(sshd.user());
                });
    }

    @Test
    void aPinnedHostKeyThatMatchesIsAcceptedAndOneThatDoesNotFailsNamingBothFingerprints() throws Exception {
        SshTarget pinned = Servers.target(sshd, ED25519)
                .hostKeyPolicy(HostKeyPolicy.pinned(sshd.hostKeyFingerprint())).build();
        try (SshCommunicator ssh = SshCommunicator.connect(pinned)) {
            assertThat(Servers.stdout(ssh, "echo pinned")).containsExactly("pinned");
        }

        String other = SshKeys.generate().fingerprint();
        SshTarget eitherKey = pinned.toBuilder()
                .hostKeyPolicy(HostKeyPolicy.pinned(other, sshd.hostKeyFingerprint())).build();
        try (SshCommunicator ssh = SshCommunicator.connect(eitherKey)) {
            assertThat(Servers.stdout(ssh, "echo either")).containsExactly("either");
        }

        SshTarget wrong = pinned.toBuilder().hostKeyPolicy(HostKeyPolicy.pinned(other)).build();
        assertThatThrownBy(() -> SshCommunicator.connect(wrong))
                .isInstanceOf(SshException.class)
                .hasMessageContaining("host key mismatch")
                .hasMessageContaining("expected " + other)
                .hasMessageContaining("presented " + sshd.hostKeyFingerprint())
                .hasMessageContaining("after 1 attempt");
    }

    @Test
    void aKnownHostsFileMustListTheServersKey() throws Exception {
        Path good = tmp.resolve("known_hosts_good");
        Files.writeString(good, sshd.knownHostsLine() + "\n");
        try (SshCommunicator ssh = SshCommunicator.connect(Servers.target(sshd, ED25519)
                .hostKeyPolicy(HostKeyPolicy.knownHosts(good)).build())) {
            assertThat(Servers.stdout(ssh, "echo known")).containsExactly("known");
        }

        String[] stranger = SshKeys.generate().publicKeyLine().split(" ");
        Path bad = tmp.resolve("known_hosts_bad");
        Files.writeString(bad, "[127.0.0.1]:" + sshd.port() + " " + stranger[0] + " " + stranger[1] + "\n");
        assertThatThrownBy(() -> SshCommunicator.connect(Servers.target(sshd, ED25519)
                .hostKeyPolicy(HostKeyPolicy.knownHosts(bad)).build()))
                .isInstanceOf(SshException.class)
                .hasMessageContaining("host key mismatch")
                .hasMessageContaining("presented " + sshd.hostKeyFingerprint())
                .hasMessageContaining("expected SHA256:");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
