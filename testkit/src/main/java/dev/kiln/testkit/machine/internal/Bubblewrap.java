package dev.kiln.testkit.machine.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The namespace sandbox built by bubblewrap ({@code bwrap}), Kiln's first choice: a reaping init of its own as
 * pid 1, a {@code /dev} of its own, and it dies with the JVM.
 */
final class Bubblewrap extends NamespaceSandbox {

    Bubblewrap(SandboxTools tools) {
        super(tools);
    }

    @Override
    public String name() {
        return "bubblewrap";
    }

    @Override
    List<Path> programs() {
        return List.of(tools.bwrap(), tools.nsenter());
    }

    @Override
    List<String> holderCommand(SandboxLayout layout, Path hostDir) {
        List<String> line = new ArrayList<>(List.of(tools.bwrap().toString(),
                "--unshare-net", "--unshare-pid", "--unshare-uts", "--die-with-parent"));
        for (SandboxLayout.Mount mount : layout.mounts()) {
            String option = switch (mount.kind()) {
                case BIND -> "--bind";
                case READ_ONLY_BIND -> "--ro-bind";
                case SYMLINK -> "--symlink";
            };
            line.addAll(List.of(option, mount.source(), mount.target()));
        }
        line.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--hostname", layout.hostname(), "--chdir", layout.workDir(), "sleep", "infinity"));
        return line;
    }
}
