package dev.kiln.ansible.internal;

import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.provision.internal.OutputTail;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows ansible-playbook's output as it streams: passes each line on, keeps the last lines, and notes the task
 * that failed (the {@code TASK [name]} or {@code RUNNING HANDLER [name]} header before a {@code fatal:} or
 * {@code failed:} line that no {@code ...ignoring} follows). Thread-safe.
 *
 * <pre>{@code
 * PlaybookOutput output = new PlaybookOutput(context.output(), 20);
 * int status = LocalCommand.run(command, env, output);
 * output.failedTask().ifPresent(task -> ...);
 * }</pre>
 */
public final class PlaybookOutput implements OutputSink {
    private static final Pattern HEADER = Pattern.compile("^(?:TASK|RUNNING HANDLER) \\[(.*)\\] ?\\**$");
    private static final Pattern FAILURE = Pattern.compile("^(?:fatal|failed): \\[.*");

    private final OutputSink next;
    private final OutputTail tail;
    private String task;
    private String failedTask;
    /** True while the failure noted last may still be followed by Ansible's {@code ...ignoring}. */
    private boolean mayBeIgnored;

    /** Passes lines to {@code next}, keeping the last {@code tailLines}. */
    public PlaybookOutput(OutputSink next, int tailLines) {
        this.next = next;
        this.tail = new OutputTail(tailLines);
    }

    @Override
    public void line(OutputStreamKind stream, String line) {
        synchronized (this) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                task = header.group(1);
                mayBeIgnored = false;
            } else if (failedTask == null && task != null && FAILURE.matcher(line).matches()) {
                failedTask = task;
                mayBeIgnored = true;
            } else if (mayBeIgnored && line.equals("...ignoring")) {
                failedTask = null;
                mayBeIgnored = false;
            }
        }
        tail.line(stream, line);
        next.line(stream, line);
    }

    /** The first task that failed, as its header names it, e.g. {@code web : write the site}. */
    public synchronized Optional<String> failedTask() {
        return Optional.ofNullable(failedTask);
    }

    /** The last lines, oldest first. */
    public List<String> tail() {
        return tail.lines();
    }
}
