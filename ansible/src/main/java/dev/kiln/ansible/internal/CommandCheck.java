package dev.kiln.ansible.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that an Ansible program runs, by running it with {@code --version}, and gives the first line it
 * prints, e.g. {@code ansible-playbook [core 2.14.18]}, which it also logs. A program that answered once is not asked again for the
 * life of the JVM (the check runs with every validation of a spec).
 *
 * <pre>{@code
 * CommandCheck.Result r = CommandCheck.run("ansible-playbook");
 * if (r.failure().isPresent()) { ... }
 * }</pre>
 */
public final class CommandCheck {
    private static final Logger LOG = LoggerFactory.getLogger(CommandCheck.class);
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();

    private CommandCheck() {
    }

    /**
     * What {@code command --version} said.
     *
     * @param version the first line it printed, when it ran and exited 0
     * @param failure why it could not run or failed, otherwise
     */
    public record Result(Optional<String> version, Optional<String> failure) {
    }

    /** Runs {@code command --version} (at most once per command while it succeeds). */
    public static Result run(String command) {
        String known = VERSIONS.get(command);
        if (known != null) {
            return new Result(Optional.of(known), Optional.empty());
        }
        Process process;
        try {
            process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            return failed("`" + command + " --version` cannot start: " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return failed("`" + command + " --version` did not end within " + LIMIT.toSeconds() + " s");
            }
            if (process.exitValue() != 0 || out.isEmpty()) {
                return failed("`" + command + " --version` exited with status " + process.exitValue()
                        + (out.isEmpty() ? "" : ": " + out.lines().findFirst().orElse("")));
            }
            String version = out.lines().findFirst().orElseThrow().strip();
            VERSIONS.put(command, version);
            LOG.info("{} runs: {}", command, version);
            return new Result(Optional.of(version), Optional.empty());
        } catch (IOException e) {
            return failed("`" + command + " --version` failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while running `" + command + " --version`");
        } finally {
            if (process.isAlive()) {
                ProcessTree.kill(process.toHandle());
            }
        }
    }

    private static Result failed(String why) {
        return new Result(Optional.empty(), Optional.of(why));
    }
}
