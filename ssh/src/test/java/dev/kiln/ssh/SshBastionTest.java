package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.TransferListener;
import dev.kiln.testkit.openssh.OpenSshServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reaching a machine through a bastion (jump) host: two real sshd processes. */
@Timeout(120)
class SshBastionTest {
    static final SshKeyPair KEYS = SshKeys.generate();

    @Test
    void commandsAndTransfersGoThroughTheBastionAndDieWithIt() throws Exception {
        try (OpenSshServer bastion = Servers.started(KEYS);
                OpenSshServer machine = Servers.started(KEYS)) {
            SshTarget viaBastion = Servers.target(machine, KEYS)
                    .hostKeyPolicy(HostKeyPolicy.pinned(machine.hostKeyFingerprint()))
                    .bastion(Servers.target(bastion, KEYS)
                            .hostKeyPolicy(HostKeyPolicy.pinned(bastion.hostKeyFingerprint())).build())
                    .build();

            try (SshCommunicator ssh = SshCommunicator.connect(viaBastion)) {
                assertThat(ssh.execute(Command.of("exit 5"), OutputSink.DISCARD)).isEqualTo(CommandResult.exited(5));
                ssh.upload(new ByteArrayInputStream("via bastion\n".getBytes(StandardCharsets.UTF_8)),
                        machine.directory() + "/note", 0644, TransferListener.NONE);
                ByteArrayOutputStream back = new ByteArrayOutputStream();
                ssh.download(machine.directory() + "/note", back, TransferListener.NONE);
                assertThat(back.toString(StandardCharsets.UTF_8)).isEqualTo("via bastion\n");

                assertThat(bastion.log()).anyMatch(l -> l.contains("Accepted publickey"));
                assertThat(machine.log()).anyMatch(l -> l.contains("Accepted publickey"));

                // the machine's session rides on the bastion's connection: killing the bastion drops it
                CompletableFuture<CommandResult> running = Servers.longCommandStarted(ssh);
                bastion.stop();
                assertThat(running.get(60, TimeUnit.SECONDS)).isEqualTo(CommandResult.lostConnection());
                assertThat(machine.isRunning()).isTrue();
            }
        }
    }
}
