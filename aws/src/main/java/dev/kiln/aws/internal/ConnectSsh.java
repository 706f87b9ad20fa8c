package dev.kiln.aws.internal;

import dev.kiln.ssh.HostKeyPolicy;
import dev.kiln.ssh.SshCommunicator;
import dev.kiln.ssh.SshTarget;

/** Waits until the instance accepts SSH with the build's key, up to sshTimeout; the cleanup closes the connection. */
final class ConnectSsh implements Step {
    @Override
    public String name() {
        return "connect";
    }

    @Override
    public void run(EbsState s) throws Exception {
        s.context.onCleanup("Closing the SSH connection", () -> {
            if (s.communicator != null) {
                s.communicator.close();
            }
        });
        s.context.say("Waiting for SSH to become available...");
        SshTarget target = SshTarget.builder()
                .host(s.host)
                .port(s.config.sshPort())
                .user(s.config.sshUsername())
                .privateKey(s.privateKey)
                .hostKeyPolicy(s.config.sshHostKeyPolicy() != null ? s.config.sshHostKeyPolicy() : HostKeyPolicy.acceptAny())
                .readyTimeout(s.config.sshTimeout())
                .build();
        s.communicator = SshCommunicator.connect(target, s.context::detail);
        s.context.say("Connected to SSH!");
    }
}
