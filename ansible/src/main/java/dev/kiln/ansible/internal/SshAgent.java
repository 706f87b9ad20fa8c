package dev.kiln.ansible.internal;

import dev.kiln.core.Secret;
import dev.kiln.core.provision.ProvisionerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * An OpenSSH agent of Kiln's own ({@code ssh-agent -D -a SOCKET}), holding the build's private keys in memory
 * only: each key reaches it on the standard input of {@code ssh-add -}. Closing it kills the agent, which takes
 * the keys with it.
 *
 * <pre>{@code
 * try (SshAgent agent = SshAgent.start(privateDir.resolve("agent.sock"))) {
 *     agent.add(privateKey, "ec2-user@10.0.0.7:22");
 *     env.put("SSH_AUTH_SOCK", agent.socket().toString());
 * }
 * }</pre>
 */
public final class SshAgent implements AutoCloseable {
    private final Process process;
    private final Path socket;

    private SshAgent(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    /**
     * Starts an agent listening on {@code socket} (in a directory only this user may enter) and returns once it
     * listens: ssh-agent prints its {@code SSH_AUTH_SOCK} line after binding the socket.
     *
     * @throws ProvisionerException when ssh-agent is missing or does not start
     */
    public static SshAgent start(Path socket) {
        Process process;
        try {
            process = new ProcessBuilder("ssh-agent", "-s", "-D", "-a", socket.toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new ProvisionerException("Cannot start ssh-agent, which holds the build's key for Ansible: "
                    + e.getMessage() + ". Install OpenSSH's client (Debian/Ubuntu: apt-get install openssh-client)");
        }
        SshAgent agent = new SshAgent(process, socket);
        try {
            process.getOutputStream().close();
            String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (first == null || !first.startsWith("SSH_AUTH_SOCK=")) {
                throw new ProvisionerException("ssh-agent did not start" + (first == null ? "" : ": " + first));
            }
            return agent;
        } catch (IOException | RuntimeException e) {
            agent.close();
            throw e instanceof ProvisionerException p ? p : new ProvisionerException("ssh-agent did not start", e);
        }
    }

    /** The agent's socket, for {@code SSH_AUTH_SOCK}. */
    public Path socket() {
        return socket;
    }

    /**
     * Gives the agent an unencrypted private key (OpenSSH or PEM text) through {@code ssh-add -}'s standard input.
     *
     * @param whose the login it is for, e.g. {@code ec2-user@127.0.0.1:22}, for the error message
     * @throws ProvisionerException when ssh-add refuses the key; the message holds ssh-add's words, never the key
     */
    public void add(Secret key, String whose) throws InterruptedException {
        Process add;
        try {
            ProcessBuilder builder = new ProcessBuilder("ssh-add", "-q", "-").redirectErrorStream(true);
            builder.environment().put("SSH_AUTH_SOCK", socket.toString());
            List.of("SSH_ASKPASS", "SSH_ASKPASS_REQUIRE", "DISPLAY").forEach(builder.environment()::remove);
            add = builder.start();
        } catch (IOException e) {
            throw new ProvisionerException("Cannot start ssh-add to load the key of " + whose + ": " + e.getMessage()
                    + ". Install OpenSSH's client (Debian/Ubuntu: apt-get install openssh-client)");
        }
        try {
            try (OutputStream in = add.getOutputStream()) {
                String text = key.reveal();
                in.write((text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String said = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int status = add.waitFor();
            if (status != 0) {
                throw new ProvisionerException("ssh-add could not load the private key of " + whose + " into Kiln's "
                        + "ssh-agent (exit status " + status + (said.isEmpty() ? "" : ": " + said) + ")");
            }
        } catch (IOException e) {
            throw new ProvisionerException("Cannot give the key of " + whose + " to ssh-add: " + e.getMessage());
        } finally {
            if (add.isAlive()) {
                ProcessTree.kill(add.toHandle());
            }
        }
    }

    /** Kills the agent, its keys with it, and waits for it; the caller deletes the socket's directory. */
    @Override
    public void close() {
        ProcessTree.kill(process.toHandle());
    }
}
