package dev.kiln.testkit.ssh.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The processes a server has launched and that are still running, so stopping the server can kill them. */
final class ProcessRegistry {
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    void add(Process process) {
        running.add(process);
    }

    void remove(Process process) {
        running.remove(process);
    }

    /** Kills every running process and its descendants (listed before any is killed, so none slips away). */
    void killAll() {
        for (Process process : running) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        running.clear();
    }
}
