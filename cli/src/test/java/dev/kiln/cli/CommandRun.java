package dev.kiln.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a command as a process of its own (the distribution's {@code bin/kiln}, Packer), in a directory that
 * is also its {@code HOME}, with none of the caller's {@code AWS_}, {@code PACKER_} or {@code KILN_} variables but
 * {@code env} and {@code CHECKPOINT_DISABLE=1}: its exit status, output (standard output and error) and wall time
 * from just before the process started.
 *
 * <pre>{@code
 * CommandRun version = CommandRun.of(dir, Map.of(), List.of(kiln.toString(), "version"));
 * }</pre>
 *
 * @param status the exit status
 * @param output what it printed, standard error included
 * @param wall from just before the process started to its end
 */
record CommandRun(int status, String output, Duration wall) {

    /** Runs {@code command} in {@code dir} with {@code env}; fails if it runs longer than 30 minutes. */
    static CommandRun of(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        return of(dir, env, command, Duration.ofMinutes(30));
    }

    /** Runs {@code command} in {@code dir} with {@code env}; fails if it runs longer than {@code timeout}. */
    static CommandRun of(Path dir, Map<String, String> env, List<String> command, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "command-", ".out");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        Map<String, String> environment = pb.environment();
        environment.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("PACKER_") || k.startsWith("KILN_"));
        environment.put("HOME", dir.toString());
        environment.put("CHECKPOINT_DISABLE", "1");
        environment.putAll(env);
        long start = System.nanoTime();
        Process process = pb.start();
        boolean ended = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        if (!ended) {
            throw new IllegalStateException(command + " did not end in " + timeout + "; output:\n" + output);
        }
        return new CommandRun(process.exitValue(), output, wall);
    }

    /** This run, or an {@link IllegalStateException} with its output when it did not exit with 0. */
    CommandRun succeeded() {
        if (status != 0) {
            throw new IllegalStateException("exit status " + status + ":\n" + output);
        }
        return this;
    }
}
