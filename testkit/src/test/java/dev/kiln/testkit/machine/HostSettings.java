package dev.kiln.testkit.machine;

import dev.kiln.testkit.machine.internal.SandboxTools;
import java.nio.file.Path;

/** {@link LocalMachineHost} settings with the sandbox programs looked up elsewhere, for tests in any package. */
public final class HostSettings {
    private HostSettings() {
    }

    /** Settings that look for every sandbox program in {@code dir}, which holds none. */
    public static LocalMachineHost.Builder noSandboxProgramsIn(Path dir) {
        return LocalMachineHost.builder().sandboxTools(new SandboxTools(dir.resolve("bwrap"), dir.resolve("unshare"),
                dir.resolve("setpriv"), dir.resolve("nsenter")));
    }

    /** Settings that look for bubblewrap in {@code dir}, which lacks it, and use the installed util-linux. */
    static LocalMachineHost.Builder withoutBubblewrap(Path dir) {
        SandboxTools installed = SandboxTools.INSTALLED;
        return LocalMachineHost.builder().sandboxTools(new SandboxTools(dir.resolve("bwrap"), installed.unshare(),
                installed.setpriv(), installed.nsenter()));
    }
}
