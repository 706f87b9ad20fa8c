package dev.kiln.testkit.machine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One running local machine: an SSH server on a loopback address over the machine's own filesystem.
 * Commands run in a sandbox (bubblewrap, or util-linux's unshare), or as host processes in the machine's directory
 * when its host was built {@link LocalMachineHost.Builder#unsandboxed() unsandboxed}.
 */
public interface LocalMachine {

    /** The loopback address its SSH server listens on. */
    String address();

    /** The port its SSH server listens on (or will, while the OS boots). */
    int sshPort();

    /** The directory holding the machine's root filesystem (what {@code /} is inside the sandbox). */
    Path root();

    /** Stops the SSH server and every process it started; the files stay (EC2 "stopped"). */
    void stop();

    /**
     * Starts the machine again after {@link #stop()} (EC2 StartInstances); its SSH server listens after the
     * request's OS boot time.
     */
    void start() throws IOException;

    /** Copies the machine's filesystem into {@code imageRoot} (EC2 CreateImage). */
    void captureTo(Path imageRoot) throws IOException;

    /**
     * Console output lines as cloud-init prints them at boot, including the SSH host key fingerprints
     * between {@code -----BEGIN SSH HOST KEY FINGERPRINTS-----} and {@code -----END SSH HOST KEY FINGERPRINTS-----}.
     */
    List<String> consoleOutput();

    /** Stops the machine and deletes its files (EC2 "terminated"). */
    void destroy();
}
