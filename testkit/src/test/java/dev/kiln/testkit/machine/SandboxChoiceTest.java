package dev.kiln.testkit.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.testkit.machine.internal.SandboxTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host runs its machines in the first sandbox that works, and refuses to start when none does. */
class SandboxChoiceTest {
    private static final Path FALSE = Path.of("/usr/bin/false");

    @TempDir
    Path tmp;

    @Test
    void refusesToStartWithoutAnySandboxProgramAndSaysWhatToInstall() {
        Path empty = tmp.resolve("empty");

        assertThatThrownBy(() -> HostSettings.noSandboxProgramsIn(empty).dataDir(tmp.resolve("host")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bubblewrap: " + empty.resolve("bwrap") + " is missing")
                .hasMessageContaining("unshare: " + empty.resolve("setpriv") + " is missing")
                .hasMessageContaining("apt-get install bubblewrap")
                .hasMessageContaining("util-linux")
                .hasMessageContaining("unsandboxed()");
    }

    @Test
    void aProgramThatCannotBuildTheSandboxCountsAsMissing() {
        LocalMachineHost.Builder settings = LocalMachineHost.builder().dataDir(tmp.resolve("host"))
                .sandboxTools(new SandboxTools(FALSE, FALSE, FALSE, FALSE));

        assertThatThrownBy(settings::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bubblewrap: the sandbox could not start: false exited with code 1 before its sandbox was up")
                .hasMessageContaining("unshare: the sandbox could not start: false exited with code 1 before its sandbox was up");
    }

    @Test
    void unsandboxedNeedsNoSandboxProgram() {
        try (LocalMachineHost host = HostSettings.noSandboxProgramsIn(tmp.resolve("empty"))
                .dataDir(tmp.resolve("host")).unsandboxed().build()) {
            assertThat(host.sandboxed()).isFalse();
        }
    }

    @Test
    void prefersBubblewrap() {
        try (LocalMachineHost host = LocalMachineHost.create(tmp.resolve("host"))) {
            assertThat(host).hasToString("LocalMachineHost[bubblewrap]");
        }
    }
}
