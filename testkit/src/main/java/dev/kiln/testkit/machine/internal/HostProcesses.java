package dev.kiln.testkit.machine.internal;

import dev.kiln.testkit.ssh.CommandLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * No sandbox: commands are host processes with the machine's root directory as working directory and HOME.
 * Every process carries {@code KILN_MACHINE=<marker>} in its environment, so stopping the machine finds and kills
 * the daemons it started even after they left their parent.
 */
public final class HostProcesses implements Isolation {
    static final String MARKER_VARIABLE = "KILN_MACHINE";

    @Override
    public boolean sandboxed() {
        return false;
    }

    @Override
    public IsolatedRun start(MachinePaths paths) {
        CommandLauncher launcher = (command, environment) -> IsolatedRun.startProcess(
                new ProcessBuilder("/bin/sh", "-c", command).directory(paths.root().toFile()), environment,
                paths.root().toString(), paths.tools().toString(), paths.marker());
        return IsolatedRun.of(launcher, () -> killMarked(paths.marker()));
    }

    @Override
    public String toString() {
        return "host processes";
    }

    /** Kills every host process whose environment holds this machine's marker. */
    private static void killMarked(String marker) {
        byte[] wanted = (MARKER_VARIABLE + "=" + marker).getBytes(StandardCharsets.UTF_8);
        List<ProcessHandle> marked = ProcessHandle.allProcesses().filter(p -> hasEnvironmentEntry(p.pid(), wanted)).toList();
        marked.forEach(ProcessHandle::destroyForcibly);
        marked.forEach(ProcessExits::awaitExit);
    }

    private static boolean hasEnvironmentEntry(long pid, byte[] entry) {
        try {
            byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            int start = 0;
            for (int i = 0; i <= environ.length; i++) {
                if (i == environ.length || environ[i] == 0) {
                    if (i - start == entry.length && Arrays.equals(environ, start, i, entry, 0, entry.length)) {
                        return true;
                    }
                    start = i + 1;
                }
            }
            return false;
        } catch (IOException e) {
            return false; // gone, or not ours to read
        }
    }
}
