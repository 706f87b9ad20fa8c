package dev.kiln.ansible.internal;

import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.internal.OutputLines;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a program on the local machine, streaming its stdout and stderr line by line to a sink, with no input.
 * An interrupt of the waiting thread kills the program and everything it started, and waits for them.
 *
 * <pre>{@code
 * int status = LocalCommand.run(List.of("ansible-playbook", "site.yml"), Map.of("ANSIBLE_NOCOLOR", "1"), sink);
 * }</pre>
 */
public final class LocalCommand {
    /** How long output may keep coming after the program exited (a process it left behind holding the pipes). */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final File NO_INPUT = new File("/dev/null");

    private LocalCommand() {
    }

    /**
     * Runs {@code command} with {@code environment} added to this process's environment (a null value removes
     * the variable) and returns its exit status.
     *
     * @throws IOException when the program cannot be started
     * @throws InterruptedException when the thread was interrupted; the program and its children are gone
     */
    public static int run(List<String> command, Map<String, String> environment, OutputSink output)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        String name = new File(command.get(0)).getName();
        Thread stdout = pump(process.getInputStream(), OutputStreamKind.STDOUT, output, name);
        Thread stderr = pump(process.getErrorStream(), OutputStreamKind.STDERR, output, name);
        try {
            int status = process.waitFor();
            stdout.join(DRAIN.toMillis());
            stderr.join(DRAIN.toMillis());
            return status;
        } finally {
            if (process.isAlive()) {
                ProcessTree.kill(process.toHandle());
            }
        }
    }

    private static Thread pump(InputStream in, OutputStreamKind kind, OutputSink output, String name) {
        Thread thread = new Thread(() -> {
            try (in; OutputLines lines = new OutputLines(kind, output)) {
                in.transferTo(lines);
            } catch (IOException e) {
                // the program was killed: its pipe closed under the reader
            }
        }, "kiln-" + name + "-" + kind.name().toLowerCase(Locale.ROOT));
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
