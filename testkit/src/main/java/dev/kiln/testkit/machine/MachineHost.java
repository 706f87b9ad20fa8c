package dev.kiln.testkit.machine;

import java.io.IOException;

/**
 * Runs the local machines behind LocalEc2's instances: each one a real SSH server on its own loopback
 * address, with its own filesystem root.
 *
 * <pre>{@code
 * try (MachineHost host = LocalMachineHost.create(dataDir)) {
 *     LocalMachine m = host.boot(request);
 * }
 * }</pre>
 */
public interface MachineHost extends AutoCloseable {

    /**
     * Boots a machine: lays out its root from the image's files (or the base layout when the request names
     * no image root) and starts its SSH server. Returns once the server accepts connections, or, when the
     * request's OS boot time is not zero, once the machine is booting: its server listens after that time.
     */
    LocalMachine boot(MachineRequest request) throws IOException;

    /** Stops every machine's SSH server. Files stay on disk. */
    @Override
    void close();
}
