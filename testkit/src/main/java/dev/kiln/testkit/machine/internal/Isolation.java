package dev.kiln.testkit.machine.internal;

import java.io.IOException;

/** How a machine's commands are kept apart from the host: a bubblewrap sandbox, or plain host processes. */
public interface Isolation {

    /** Starts isolating one run of a machine (boot or start until stop). */
    IsolatedRun start(MachinePaths paths) throws IOException;

    /** True when commands run in a sandbox that gives the machine its own {@code /etc}, {@code /srv}... */
    boolean sandboxed();
}
