package dev.kiln.testkit.machine.internal;

import dev.kiln.testkit.ssh.CommandLauncher;
import dev.kiln.testkit.ssh.LocalSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run of a machine under an {@link Isolation}: how its commands start, and how all of them end.
 *
 * @param launcher starts commands inside the machine
 * @param sftpServerCommand the command serving SFTP inside the machine, or null for the SSH server's built-in SFTP
 * @param killer kills every process of this run, daemons included, and returns once they are gone
 */
public record IsolatedRun(CommandLauncher launcher, String sftpServerCommand, Runnable killer) {

    /** A run whose SFTP is OpenSSH's {@code sftp-server} run like any command, when it is installed. */
    static IsolatedRun of(CommandLauncher launcher, Runnable killer) {
        String sftp = Files.isExecutable(Path.of(LocalSshServer.OPENSSH_SFTP_SERVER)) ? LocalSshServer.OPENSSH_SFTP_SERVER : null;
        return new IsolatedRun(launcher, sftp, killer);
    }

    /**
     * Starts a machine process with only the client's variables and the machine's own: {@code HOME}, a
     * {@code PATH} that starts with Kiln's tools, and the machine's marker.
     */
    static Process startProcess(ProcessBuilder builder, Map<String, String> clientEnvironment, String home,
            String toolsDir, String marker) throws IOException {
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(clientEnvironment);
        env.put("HOME", home);
        env.put("PATH", String.join(":", List.of(toolsDir, "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")));
        env.put(HostProcesses.MARKER_VARIABLE, marker);
        return builder.start();
    }

    /** Kills every process of this run, daemons included, and returns once they are gone. */
    public void killAll() {
        killer.run();
    }
}
