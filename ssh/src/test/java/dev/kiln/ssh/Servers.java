package dev.kiln.ssh;

import dev.kiln.testkit.openssh.OpenSshServer;
import java.time.Duration;

/** Test helpers: a target that logs in to a local OpenSSH server with a key pair. */
final class Servers {
    private Servers() {
    }

    /** An sshd that accepts {@code keys}, started. */
    static OpenSshServer started(SshKeyPair keys) {
        OpenSshServer sshd = OpenSshServer.builder().authorizedKey(keys.publicKeyLine()).build();
        sshd.start();
        return sshd;
    }

    /** A target for {@code sshd} logging in with {@code keys}, with timeouts sized for loopback. */
    static SshTarget.Builder target(OpenSshServer sshd, SshKeyPair keys) {
        return SshTarget.builder().host(sshd.host()).port(sshd.port()).user(sshd.user())
                .privateKey(keys.privateKey())
                .connectTimeout(Duration.ofSeconds(5))
                .readyTimeout(Duration.ofSeconds(30));
    }
}
