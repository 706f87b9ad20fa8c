package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.Secret;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshTargetTest {
    static final SshKeyPair KEYS = SshKeys.generate();

    @Test
    void buildsWithDefaultsAndCopiesThroughToBuilder() {
        SshTarget target = SshTarget.builder().host("127.0.0.1").user("ec2-user").privateKey(KEYS.privateKey()).build();

        assertThat(target.port()).isEqualTo(22);
        assertThat(target.hostKeyPolicy()).isEqualTo(HostKeyPolicy.acceptAny());
        assertThat(target.readyTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(target.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(target.handshakeAttempts()).isEqualTo(10);
        assertThat(target.keepAliveInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(target.pty()).isFalse();
        SshTarget copy = target.toBuilder().port(2222).pty(true).build();
        assertThat(copy.port()).isEqualTo(2222);
        assertThat(copy.pty()).isTrue();
        assertThat(copy.privateKey()).contains(KEYS.privateKey());
        assertThat(target.port()).isEqualTo(22);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> SshTarget.builder().port(70000).readyTimeout(Duration.ZERO).handshakeAttempts(0)
                .build())
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field)
                        .containsExactly("host", "port", "user", "privateKey", "readyTimeout", "handshakeAttempts"));
    }

    @Test
    void anUnreadableKeyIsAProblemThatDoesNotQuoteTheKey() {
        String garbage = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-key-at-all-SECRETBYTES\n-----END OPENSSH PRIVATE KEY-----\n";
        assertThatThrownBy(() -> SshTarget.builder().host("h").user("u").privateKey(Secret.of(garbage)).build())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("privateKey: cannot be read as an OpenSSH or PEM private key")
                .hasMessageNotContaining("SECRETBYTES");
    }

    @Test
    void anEncryptedKeyNeedsItsPassphrase(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("id");
        SshLoginTest.run(List.of("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "right", "-f", key.toString()));
        Secret text = Secret.of(Files.readString(key));

        assertThatThrownBy(() -> SshTarget.builder().host("h").user("u").privateKey(text).build())
                .hasMessageContaining("privateKey: is encrypted with a passphrase");
        assertThatThrownBy(() -> SshTarget.builder().host("h").user("u").privateKey(text, Secret.of("wrong")).build())
                .hasMessageContaining("passphrase: does not decrypt the private key")
                .hasMessageNotContaining("wrong");
        assertThat(SshTarget.builder().host("h").user("u").privateKey(text, Secret.of("right")).build().passphrase())
                .contains(Secret.of("right"));
    }

    @Test
    void toStringNamesTheAddressButNoSecret() {
        SshTarget target = SshTarget.builder().host("127.0.0.1").user("ec2-user").password(Secret.of("hunter2"))
                .privateKey(KEYS.privateKey()).build();
        assertThat(target.toString()).contains("ec2-user@127.0.0.1:22").doesNotContain("hunter2")
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void aPinnedFingerprintMustLookLikeOpenSshPrintsIt() {
        assertThatThrownBy(() -> HostKeyPolicy.pinned("MD5:12:34"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SHA256:<43 base64 characters>");
        assertThat(HostKeyPolicy.pinned(KEYS.fingerprint() + "=")).isEqualTo(HostKeyPolicy.pinned(KEYS.fingerprint()));
    }
}
