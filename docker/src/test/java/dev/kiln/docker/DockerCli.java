package dev.kiln.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command, the independent client the tests check Kiln's Engine API calls against
 * ({@code docker exec}, {@code docker inspect}, {@code docker ps}, {@code docker run}). Public for the tests of
 * other modules (the {@code tests} jar).
 */
public final class DockerCli {
    private DockerCli() {
    }

    /** What a command printed and how it ended. */
    public record Run(int exitStatus, String stdout, String stderr) {
    }

    /** Runs {@code docker ARGS} and returns what it did, whatever its exit status. */
    public static Run run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = read(p.getInputStream());
            CompletableFuture<String> err = read(p.getErrorStream());
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("docker " + String.join(" ", args) + " did not end within 5 minutes");
            }
            return new Run(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run docker " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs {@code docker ARGS}, which must succeed, and returns its stdout, trimmed. */
    public static String ok(String... args) {
        Run r = run(args);
        if (r.exitStatus() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " exited " + r.exitStatus() + ": " + r.stderr());
        }
        return r.stdout().trim();
    }

    private static CompletableFuture<String> read(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        }, "docker-cli-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
