package dev.kiln.aws.internal;

import dev.kiln.aws.WaitTime;
import dev.kiln.ssh.HostKeyPolicy;
import dev.kiln.ssh.SshCommunicator;
import dev.kiln.ssh.SshTarget;

/**
 * Waits until the instance accepts SSH with the build's key, up to sshTimeout, checking its host key as
 * configured (with sshHostKeyFromConsole: pinned to the fingerprint its console printed); the cleanup closes
 * the connection.
 */
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
        HostKeyPolicy hostKeys = s.config.sshHostKeyPolicy() != null ? s.config.sshHostKeyPolicy() : HostKeyPolicy.acceptAny();
        if (s.config.sshHostKeyFromConsole()) {
            s.context.say("Reading the SSH host key from the instance's console output...");
            String fingerprint = ConsoleHostKey.fingerprint(s.ec2(), s.instanceId,
                    WaitTime.of(s.config.waits().instanceRunning().pollDelay(), s.config.sshTimeout()));
            s.context.detail("Pinning SSH host key " + fingerprint);
            hostKeys = HostKeyPolicy.pinned(fingerprint);
        }
        s.context.say("Waiting for SSH to become available...");
        SshTarget target = SshTarget.builder()
                .host(s.host)
                .port(s.config.sshPort())
                .user(s.config.sshUsername())
                .privateKey(s.privateKey)
                .hostKeyPolicy(hostKeys)
                .readyTimeout(s.config.sshTimeout())
                .build();
        s.communicator = SshCommunicator.connect(target, s.context::detail);
        s.context.say("Connected to SSH!");
    }
}
