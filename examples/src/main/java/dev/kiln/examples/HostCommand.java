package dev.kiln.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A program of this computer run to its end, for what the demo does outside a build: {@code docker import} of the
 * container images' base, the container of the image test, {@code tar}. Its stdin is closed; stdout and stderr
 * are read at once, so a chatty program never blocks.
 *
 * <pre>{@code
 * HostCommand.Output version = HostCommand.run("docker", "version", "--format", "{{.Server.Version}}");
 * String id = HostCommand.ok("docker", "run", "-d", "--network", "none", image, "/bin/sh");
 * }</pre>
 */
final class HostCommand {
    private static final long TIMEOUT_MINUTES = 5;

    private HostCommand() {
    }

    /**
     * What a program printed and how it ended.
     *
     * @param exitStatus its exit status
     * @param stdout its standard output
     * @param stderr its standard error
     */
    record Output(int exitStatus, String stdout, String stderr) {
        /** True for exit status 0. */
        boolean succeeded() {
            return exitStatus == 0;
        }
    }

    /**
     * Runs {@code command} and returns what it did, whatever its exit status.
     *
     * @throws UncheckedIOException when the program can't be started (e.g. it is not installed)
     */
    static Output run(String... command) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0] + ": " + e.getMessage(), e);
        }
        try {
            CompletableFuture<String> err = readInBackground(process.getErrorStream());
            String out = read(process.getInputStream());
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + TIMEOUT_MINUTES
                        + " minutes");
            }
            return new Output(process.exitValue(), out, err.join());
        } finally {
            process.destroyForcibly();
        }
    }

    /** Runs {@code command}, which must exit with 0, and returns its standard output, trimmed. */
    static String ok(String... command) throws InterruptedException {
        Output output = run(command);
        if (!output.succeeded()) {
            throw new IllegalStateException(String.join(" ", List.of(command)) + " exited with " + output.exitStatus()
                    + ": " + output.stderr().strip());
        }
        return output.stdout().strip();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompletableFuture<String> readInBackground(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                text.complete(read(in));
            } catch (UncheckedIOException e) {
                text.completeExceptionally(e);
            }
        }, "kiln-host-command-stderr");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
