package dev.kiln.testkit.ssh.internal;

import dev.kiln.core.Secret;
import dev.kiln.testkit.ssh.CommandLauncher;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Everything an embedded server needs, already checked by the public builder.
 *
 * @param sftpServerCommand null for the built-in SFTP server rooted at {@code directory}, else a command the
 *     launcher runs as the SFTP subsystem (e.g. OpenSSH's {@code sftp-server})
 */
public record SshdSettings(
        String bindAddress,
        int port,
        String user,
        List<PublicKey> authorizedKeys,
        Secret password,
        HostKey hostKey,
        Path directory,
        CommandLauncher launcher,
        boolean sftp,
        String sftpServerCommand,
        BooleanSupplier admission) {

    public SshdSettings {
        authorizedKeys = List.copyOf(authorizedKeys);
    }
}
