package dev.kiln.testkit.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Starts the process behind an SSH exec request (and behind a shell or a process-backed SFTP subsystem).
 * The server pumps the channel's stdin, stdout and stderr to and from the returned process and reports its
 * exit code to the client.
 *
 * <pre>{@code
 * LocalSshServer.builder()
 *         .commandLauncher((command, env) -> new ProcessBuilder("/bin/sh", "-c", command).start())
 *         ...
 * }</pre>
 */
@FunctionalInterface
public interface CommandLauncher {

    /**
     * Starts {@code command}, a shell command line as the client sent it.
     *
     * @param command the command line, e.g. {@code echo hi >&2; exit 3}
     * @param environment variables for the command: the login user's {@code USER} and {@code LOGNAME} plus
     *     whatever the client sent
     */
    Process launch(String command, Map<String, String> environment) throws IOException;

    /**
     * Runs commands with {@code /bin/sh -c} as host processes, with {@code directory} as working directory
     * and {@code HOME}.
     */
    static CommandLauncher hostShell(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return (command, environment) -> {
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(directory.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("HOME", directory.toString());
            return builder.start();
        };
    }
}
