package dev.kiln.cli.internal.command;

import dev.kiln.cli.internal.interpolate.TemplateContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a command runs in: its UI, the environment, the working directory and the run's start time (which
 * {@code timestamp} and {@code isotime} show).
 *
 * @param ui where messages go
 * @param env reads an environment variable, null when unset
 * @param workingDirectory the directory relative paths start from
 * @param startTime the run's start
 */
public record Console(Ui ui, UnaryOperator<String> env, Path workingDirectory,
        Instant startTime) {
    /** The template context of this run. */
    public TemplateContext templateContext() {
        return new TemplateContext(Map.of(), false, env, null, null, null, Map.of(), startTime, workingDirectory);
    }
}
