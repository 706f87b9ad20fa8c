package dev.kiln.testkit.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.Secret;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSshServerTest {
    private static final String USER = "tester";

    @TempDir
    static Path tmp;

    private static OpenSshClient client;
    private static OpenSshClient stranger;
    private static Path directory;
    private static LocalSshServer server;
    private static final AtomicBoolean admitted = new AtomicBoolean(true);

    @BeforeAll
    static void startServer() throws Exception {
        client = OpenSshClient.withNewKey(tmp, "id_client");
        stranger = OpenSshClient.withNewKey(tmp, "id_stranger");
        directory = Files.createDirectories(tmp.resolve("home"));
        server = LocalSshServer.builder()
                .user(USER)
                .authorizedKey(client.publicKeyLine())
                .password(Secret.of("open sesame"))
                .directory(directory)
                .admission(admitted::get)
                .build()
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void logsInWithTheAuthorizedKeyAndRunsInTheDirectory() {
        OpenSshClient.Result result = client.exec("127.0.0.1", server.port(), USER, "pwd; echo $HOME; echo $USER");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines()).containsExactly(
                directory.toString(), directory.toString(), USER);
    }

    @Test
    void acceptsAnRsaKeyAsEc2KeyPairsMakeThem() {
        OpenSshClient rsa = OpenSshClient.withNewKey(tmp, "id_rsa", "rsa");
        try (LocalSshServer rsaServer = LocalSshServer.builder().user(USER).authorizedKey(rsa.publicKeyLine())
                .directory(directory).build().start()) {
            OpenSshClient.Result result = rsa.exec("127.0.0.1", rsaServer.port(), USER, "echo rsa-ok");

            assertThat(result.stdout()).as(result.toString()).isEqualTo("rsa-ok\n");
        }
    }

    @Test
    void refusesAnotherKeyAndAnotherUser() {
        OpenSshClient.Result wrongKey = stranger.exec("127.0.0.1", server.port(), USER, "echo in");
        OpenSshClient.Result wrongUser = client.exec("127.0.0.1", server.port(), "root", "echo in");

        assertThat(wrongKey.exitCode()).isEqualTo(255);
        assertThat(wrongKey.stderr()).contains("Permission denied");
        assertThat(wrongKey.stdout()).isEmpty();
        assertThat(wrongUser.exitCode()).isEqualTo(255);
        assertThat(wrongUser.stdout()).isEmpty();
    }

    @Test
    void passesExitCodeStdoutAndStderrThrough() {
        OpenSshClient.Result result = client.exec("127.0.0.1", server.port(), USER,
                "echo to-out; echo to-err >&2; exit 7");

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.stdout()).isEqualTo("to-out\n");
        assertThat(result.stderr()).isEqualTo("to-err\n");
    }

    @Test
    void passesStdinToTheCommand() {
        OpenSshClient.Result result = OpenSshClient.run(
                List.of("ssh", "-p", String.valueOf(server.port()), "-o", "StrictHostKeyChecking=no",
                        "-o", "GSSAPIAuthentication=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
                        "-i", tmp.resolve("id_client").toString(), USER + "@127.0.0.1", "tr a-z A-Z"),
                "shout\n");

        assertThat(result.stdout()).isEqualTo("SHOUT\n");
    }

    @Test
    void sftpServesTheDirectoryAsRoot() throws Exception {
        Path local = tmp.resolve("upload.txt");
        Files.writeString(local, "uploaded");
        Files.writeString(directory.resolve("served.txt"), "served");
        Path downloaded = tmp.resolve("downloaded.txt");

        OpenSshClient.Result result = client.sftp("127.0.0.1", server.port(), USER,
                "put " + local + " /upload.txt\nget /served.txt " + downloaded + "\n");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(directory.resolve("upload.txt")).hasContent("uploaded");
        assertThat(downloaded).hasContent("served");
    }

    @Test
    void closesTheConnectionWhenAdmissionSaysNo() {
        admitted.set(false);
        OpenSshClient.Result refused;
        try {
            refused = client.exec("127.0.0.1", server.port(), USER, "echo in");
        } finally {
            admitted.set(true);
        }
        OpenSshClient.Result admittedAgain = client.exec("127.0.0.1", server.port(), USER, "echo in");

        assertThat(refused.exitCode()).isEqualTo(255);
        assertThat(refused.stdout()).isEmpty();
        assertThat(admittedAgain.stdout()).isEqualTo("in\n");
    }

    @Test
    void acceptsThePasswordWhenOneIsSet() throws Exception {
        try (SshClient mina = SshClient.setUpDefaultClient()) {
            mina.start();
            try (ClientSession session = mina.connect(USER, "127.0.0.1", server.port()).verify(10, TimeUnit.SECONDS).getSession()) {
                session.addPasswordIdentity("open sesame");
                session.auth().verify(10, TimeUnit.SECONDS);

                assertThat(session.executeRemoteCommand("echo by-password")).isEqualTo("by-password\n");
            }
            try (ClientSession session = mina.connect(USER, "127.0.0.1", server.port()).verify(10, TimeUnit.SECONDS).getSession()) {
                session.addPasswordIdentity("wrong");

                assertThatThrownBy(() -> session.auth().verify(10, TimeUnit.SECONDS)).hasMessageContaining("No more authentication methods");
            }
        }
    }

    @Test
    void hostKeyMatchesWhatTheClientSees() {
        String seen = client.hostKeyFingerprintSeen("127.0.0.1", server.port(), USER);

        assertThat(seen).isEqualTo(server.hostKeyFingerprint()).startsWith("SHA256:");
        assertThat(server.hostKeyLine()).startsWith("ssh-ed25519 AAAA");
    }

    @Test
    void stopDropsConnectionsAndKillsCommandsAndStartServesAgainOnThePort() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("stopping"));
        LocalSshServer own = LocalSshServer.builder().user(USER).authorizedKey(client.publicKeyLine()).directory(dir).build().start();
        int port = own.port();
        Process ssh = client.start("127.0.0.1", port, USER, "echo $$; exec sleep 1000");
        long pid = Long.parseLong(new BufferedReader(new InputStreamReader(ssh.getInputStream(), StandardCharsets.UTF_8)).readLine());
        assertThat(ProcessHandle.of(pid)).isPresent();

        own.stop();

        Deadline.await(Duration.ofSeconds(10), "the ssh client is disconnected", () -> !ssh.isAlive());
        Deadline.await(Duration.ofSeconds(10), "sleep " + pid + " is gone", () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(client.exec("127.0.0.1", port, USER, "true").exitCode()).isEqualTo(255);

        own.start();
        try {
            assertThat(own.port()).isEqualTo(port);
            assertThat(client.exec("127.0.0.1", port, USER, "echo back").stdout()).isEqualTo("back\n");
        } finally {
            own.stop();
        }
    }

    @Test
    void keepsTheHostKeyInAFileSoARebuiltServerPresentsTheSameKey() {
        Path keyFile = tmp.resolve("keys/host_ed25519");
        LocalSshServer.Builder builder = LocalSshServer.builder().user(USER).authorizedKey(client.publicKeyLine())
                .directory(tmp).hostKeyFile(keyFile);

        String first = builder.build().hostKeyFingerprint();
        String second = builder.build().hostKeyFingerprint();
        OpenSshClient.Result keygen = OpenSshClient.run(List.of("ssh-keygen", "-l", "-f", keyFile.toString()), "");

        assertThat(second).isEqualTo(first);
        assertThat(keygen.stdout()).startsWith("256 " + first + " ").endsWith("(ED25519)\n");
    }

    @Test
    void canServeWithoutSftp() {
        try (LocalSshServer noSftp = LocalSshServer.builder().user(USER).authorizedKey(client.publicKeyLine())
                .directory(tmp).sftp(false).build().start()) {
            OpenSshClient.Result result = client.sftp("127.0.0.1", noSftp.port(), USER, "ls\n");

            assertThat(result.exitCode()).isNotZero();
            assertThat(client.exec("127.0.0.1", noSftp.port(), USER, "echo exec-still-works").stdout()).isEqualTo("exec-still-works\n");
        }
    }

    @Test
    void reportsEveryBadSettingAtOnce() {
        LocalSshServer.Builder builder = LocalSshServer.builder().bindAddress("0.0.0.0").port(70000)
                .authorizedKey("ssh-ed25519 nonsense").authorizedKey(" ");

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field)
                        .containsExactly("bindAddress", "port", "user", "directory", "authorizedKeys[0]", "authorizedKeys[1]"));
    }

    @Test
    void neverShowsThePassword() {
        LocalSshServer withPassword = LocalSshServer.builder().user(USER).password(Secret.of("hunter2")).directory(tmp).build();

        assertThat(withPassword.toString()).doesNotContain("hunter2");
    }
}
