package dev.kiln.testkit.machine.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the programs that build a sandbox are: bubblewrap's {@code bwrap}, and util-linux's {@code unshare},
 * {@code setpriv} and {@code nsenter}.
 *
 * @param bwrap bubblewrap
 * @param unshare util-linux's unshare, the sandbox used when bubblewrap can't run
 * @param setpriv util-linux's setpriv, which ties an unshare sandbox's life to the JVM's
 * @param nsenter util-linux's nsenter, with which every command joins its machine's sandbox
 */
public record SandboxTools(Path bwrap, Path unshare, Path setpriv, Path nsenter) {
    /** Where Debian and most distributions install them. */
    public static final SandboxTools INSTALLED = new SandboxTools(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/unshare"),
            Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/nsenter"));

    /** Checks that no path is null. */
    public SandboxTools {
        Objects.requireNonNull(bwrap, "bwrap");
        Objects.requireNonNull(unshare, "unshare");
        Objects.requireNonNull(setpriv, "setpriv");
        Objects.requireNonNull(nsenter, "nsenter");
    }

    /** The first of {@code programs} that is not an executable file, if any. */
    static Optional<Path> firstMissing(List<Path> programs) {
        return programs.stream().filter(p -> !Files.isExecutable(p)).findFirst();
    }
}
