package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testkit.openssh.OpenSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The host keys a connection verified, as known_hosts lines another SSH client can be held to. */
@Timeout(120)
class SshKnownHostsLinesTest {
    static final SshKeyPair KEYS = SshKeys.generate();

    @Test
    void theMachinesKeyThenTheBastionsAsOpenSshWritesThem() throws Exception {
        try (OpenSshServer bastion = Servers.started(KEYS);
                OpenSshServer machine = Servers.started(KEYS)) {
            SshTarget viaBastion = Servers.target(machine, KEYS)
                    .hostKeyPolicy(HostKeyPolicy.pinned(machine.hostKeyFingerprint()))
                    .bastion(Servers.target(bastion, KEYS).build())
                    .build();
            try (SshCommunicator ssh = SshCommunicator.connect(viaBastion)) {
                assertThat(ssh.knownHostsLines()).containsExactly(machine.knownHostsLine(), bastion.knownHostsLine());
            }
        }
    }
}
