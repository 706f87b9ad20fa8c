package dev.kiln.testkit.ssh.internal;

import dev.kiln.testkit.ssh.CommandLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SSH channel's command backed by a launched process: stdin, stdout and stderr are pumped both ways and the
 * process's exit code goes back to the client once its output is drained.
 */
final class ProcessCommand implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessCommand.class);

    private final String command;
    private final CommandLauncher launcher;
    private final ProcessRegistry registry;
    private final ExecutorService pumps;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exitCallback;
    private volatile Process process;

    ProcessCommand(String command, CommandLauncher launcher, ProcessRegistry registry, ExecutorService pumps) {
        this.command = command;
        this.launcher = launcher;
        this.registry = registry;
        this.pumps = pumps;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exitCallback = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        Map<String, String> environment = new HashMap<>(env.getEnv());
        String user = channel.getSession().getUsername();
        environment.put("USER", user);
        environment.put("LOGNAME", user);
        Process started = launcher.launch(command, environment);
        process = started;
        registry.add(started);
        pumps.execute(() -> pumpStdin(started));
        CompletableFuture<Void> stdout = CompletableFuture.runAsync(() -> copy(started.getInputStream(), out), pumps);
        CompletableFuture<Void> stderr = CompletableFuture.runAsync(() -> copy(started.getErrorStream(), err), pumps);
        CompletableFuture.allOf(stdout, stderr).thenRunAsync(() -> finish(started), pumps);
    }

    private void pumpStdin(Process started) {
        try (OutputStream toProcess = started.getOutputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                toProcess.write(buffer, 0, n);
                toProcess.flush();
            }
        } catch (IOException e) {
            LOG.debug("a command's stdin ended: {}", e.toString());
        }
    }

    private static void copy(InputStream from, OutputStream to) {
        byte[] buffer = new byte[8192];
        try (from) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            LOG.debug("output copy ended: {}", e.toString());
        }
    }

    private void finish(Process started) {
        int code;
        try {
            code = started.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 255;
        }
        registry.remove(started);
        exitCallback.onExit(code);
    }

    /** The client closed the channel: hang up on the process, as sshd does when a session ends. */
    @Override
    public void destroy(ChannelSession channel) {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroy();
        }
    }
}
