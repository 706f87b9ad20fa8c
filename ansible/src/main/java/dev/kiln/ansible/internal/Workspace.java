package dev.kiln.ansible.internal;

import dev.kiln.core.internal.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The files of one Ansible run, in a directory only this user may enter: the agent's socket, the known_hosts
 * file, Ansible's local temp files and (by default) the inventory. Closing it kills the agent and deletes all of
 * them, the inventory too unless it is to be kept.
 *
 * <pre>{@code
 * try (Workspace files = Workspace.create()) {
 *     SshAgent agent = files.startAgent();
 *     Path inventory = files.writeInventory(null, false, json);
 * }
 * }</pre>
 */
public final class Workspace implements AutoCloseable {
    private final Path dir;
    private SshAgent agent;
    private Path inventory;
    private boolean keepInventory;

    private Workspace(Path dir) {
        this.dir = dir;
    }

    /** Creates the private directory (mode 0700) under the system's temp directory. */
    public static Workspace create() throws IOException {
        return new Workspace(Files.createTempDirectory("kiln-ansible-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    }

    /** The private directory. */
    public Path dir() {
        return dir;
    }

    /** Starts Kiln's ssh-agent on a socket in the private directory; closing the workspace kills it. */
    public SshAgent startAgent() {
        agent = SshAgent.start(dir.resolve("agent.sock"));
        return agent;
    }

    /** Writes the known_hosts file (public keys only) into the private directory. */
    public Path writeKnownHosts(List<String> lines) throws IOException {
        return Files.write(dir.resolve("known_hosts"), lines, StandardCharsets.UTF_8);
    }

    /**
     * Writes the inventory into {@code directory} (the private directory when null) as a new file.
     *
     * @param keep true to leave it there when the workspace closes
     */
    public Path writeInventory(Path directory, boolean keep, String json) throws IOException {
        inventory = Files.createTempFile(directory == null ? dir : directory, "kiln-inventory-", ".json");
        keepInventory = keep;
        return Files.writeString(inventory, json, StandardCharsets.UTF_8);
    }

    /** Kills the agent and deletes the private directory and, unless kept, the inventory. */
    @Override
    public void close() throws IOException {
        try {
            if (agent != null) {
                agent.close();
            }
        } finally {
            if (inventory != null && !keepInventory) {
                Files.deleteIfExists(inventory);
            }
            FileTrees.deleteTree(dir);
        }
    }
}
