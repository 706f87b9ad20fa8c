package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generated keys, checked with OpenSSH's own ssh-keygen (reading them from stdin, never from a file). */
class SshKeysTest {

    @ParameterizedTest
    @EnumSource(SshKeyType.class)
    void sshKeygenReadsTheKeysAndAgreesOnTheFingerprint(SshKeyType type) throws Exception {
        SshKeyPair keys = SshKeys.generate(type);

        assertThat(keys.type()).isEqualTo(type);
        assertThat(keys.publicKeyLine()).startsWith(type == SshKeyType.ED25519 ? "ssh-ed25519 AAAA" : "ssh-rsa AAAA")
                .endsWith(" kiln").doesNotContain("\n");
        String listed = keygen(keys.publicKeyLine(), "-l", "-E", "sha256", "-f", "/dev/stdin");
        assertThat(listed).contains(keys.fingerprint())
                .startsWith(switch (type) {
                    case ED25519 -> "256 ";
                    case RSA_2048 -> "2048 ";
                    case RSA_4096 -> "4096 ";
                });
        // ssh-keygen derives the same public key from the private key text
        String derived = keygen(keys.privateKey().reveal(), "-y", "-f", "/dev/stdin");
        assertThat(derived.strip().split(" ")[1]).isEqualTo(keys.publicKeyLine().split(" ")[1]);
        assertThat(keys.privateKey().reveal()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
    }

    @Test
    void everyKeyIsNewAndToStringShowsNoPrivateKey() {
        SshKeyPair a = SshKeys.generate();
        SshKeyPair b = SshKeys.generate();
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint()).startsWith("SHA256:").hasSize(50);
        assertThat(a.toString()).contains(a.fingerprint()).doesNotContain("PRIVATE");
        assertThat(a.privateKey().toString()).isEqualTo("Secret[****]");
    }

    private static String keygen(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/ssh-keygen"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
