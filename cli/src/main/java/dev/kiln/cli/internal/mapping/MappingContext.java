package dev.kiln.cli.internal.mapping;

import java.nio.file.Path;
import java.util.Set;

/**
 * What mapping a section needs besides its options: the run's uuid (Packer's {@code PACKER_RUN_UUID}, one for
 * every build of a run), the run's working directory, against which the local
 * paths a template names (scripts, files, the manifest, user data, private keys) resolve as Packer resolves
 * them against its own, and the values of the sensitive variables, so that an option holding one becomes a
 * {@link dev.kiln.core.Secret}. When the working directory is the process's, paths stay as written, so messages
 * show them as the template does.
 *
 * <pre>{@code
 * Path script = new MappingContext(runUuid, workingDirectory, Set.of()).resolve("./base/tasks/baseline.sh");
 * }</pre>
 */
public final class MappingContext {
    private final String runUuid;
    private final Path base;
    private final boolean processDirectory;
    private final Set<String> secrets;

    /** Paths relative to {@code workingDirectory}; {@code secrets} are the sensitive variables' values. */
    public MappingContext(String runUuid, Path workingDirectory, Set<String> secrets) {
        this.runUuid = runUuid;
        base = workingDirectory.toAbsolutePath();
        processDirectory = base.equals(Path.of("").toAbsolutePath());
        this.secrets = secrets.stream().filter(s -> !s.isEmpty()).collect(java.util.stream.Collectors.toSet());
    }

    /** The run's uuid, which the manifest records as {@code packer_run_uuid}. */
    public String runUuid() {
        return runUuid;
    }

    /** True when {@code value} holds the value of a sensitive variable. */
    public boolean holdsSecret(String value) {
        return secrets.stream().anyMatch(value::contains);
    }

    /** The path {@code name} stands for. */
    public Path resolve(String name) {
        return processDirectory ? Path.of(name) : base.resolve(name);
    }

    /**
     * The path {@code name} stands for, as text (for options that take text, such as a file source), keeping a
     * trailing {@code /}, which means "the directory's contents" to the file provisioner.
     */
    public String resolveText(String name) {
        String resolved = resolve(name).toString();
        return name.endsWith("/") && !resolved.endsWith("/") ? resolved + "/" : resolved;
    }
}
