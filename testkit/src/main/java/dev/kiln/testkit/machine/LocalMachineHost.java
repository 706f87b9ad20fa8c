package dev.kiln.testkit.machine;

import dev.kiln.testkit.machine.internal.HostProcesses;
import dev.kiln.testkit.machine.internal.Isolation;
import dev.kiln.testkit.machine.internal.NamespaceSandbox;
import dev.kiln.testkit.machine.internal.SandboxTools;
import dev.kiln.testkit.machine.internal.SshMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs local machines, each a real SSH server (on the loopback address and port its request names) over its own
 * root filesystem. Commands run in a sandbox in which {@code /etc, /opt, /srv, /var, /home, /tmp} and
 * {@code /root} are the machine's, the host's {@code /usr} is read-only, the network is the machine's own loopback
 * only, and {@code sudo} runs its command. The sandbox is bubblewrap's ({@code /usr/bin/bwrap}) or, as root
 * without bubblewrap, one built with util-linux's {@code unshare}; when neither can run, creating the host fails
 * and says what to install. Only {@link Builder#unsandboxed()} runs commands as plain host processes.
 *
 * <pre>{@code
 * try (LocalMachineHost host = LocalMachineHost.create(dataDir)) {
 *     LocalMachine machine = host.boot(new MachineRequest("i-0123456789abcdef0", "127.0.1.7", 2222, "ec2-user",
 *             List.of(publicKeyLine), null, dataDir.resolve("i-0123456789abcdef0"), () -> true, true));
 * }
 * }</pre>
 */
public final class LocalMachineHost implements MachineHost {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMachineHost.class);

    private final Isolation isolation;
    private final Path tools;
    private final Set<LocalMachine> machines = ConcurrentHashMap.newKeySet();
    private final ExecutorService bootRunner = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "kiln-machine-boot");
        thread.setDaemon(true);
        return thread;
    });

    private LocalMachineHost(Isolation isolation, Path tools) {
        this.isolation = isolation;
        this.tools = tools;
    }

    /**
     * A host keeping its own files in {@code dataDir}, running commands in a sandbox.
     *
     * @throws IllegalStateException when no sandbox can run here; the message says what to install
     */
    public static LocalMachineHost create(Path dataDir) {
        return builder().dataDir(dataDir).build();
    }

    /** A builder; {@link Builder#dataDir(Path)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** True when commands run in a sandbox, false when they run as host processes ({@link Builder#unsandboxed()}). */
    public boolean sandboxed() {
        return isolation.sandboxed();
    }

    @Override
    public LocalMachine boot(MachineRequest request) throws IOException {
        LocalMachine machine = SshMachine.boot(request, isolation, bootRunner, tools, machines::remove);
        machines.add(machine);
        return machine;
    }

    @Override
    public void close() {
        machines.forEach(LocalMachine::stop);
        bootRunner.shutdownNow();
    }

    /** Names the host's isolation: {@code LocalMachineHost[bubblewrap]}, {@code [unshare]} or {@code [host processes]}. */
    @Override
    public String toString() {
        return "LocalMachineHost[" + isolation + "]";
    }

    /** Settings of a {@link LocalMachineHost}. */
    public static final class Builder {
        private Path dataDir;
        private boolean unsandboxed;
        private SandboxTools sandboxTools = SandboxTools.INSTALLED;

        private Builder() {
        }

        /** Where the host keeps its own files (Kiln's {@code sudo}, the sandbox trial). Required. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /**
         * Runs commands as plain host processes in each machine's directory, with no sandbox at all. They run as
         * the JVM's user with the host's whole filesystem and network: a script that writes {@code /etc/motd},
         * {@code /srv} or {@code /tmp/x} writes this computer's own files (as root, it can change the system), a
         * daemon it starts listens on the host's addresses, and it reaches any network the host reaches. Only
         * for scripts that write inside their working directory and home; the machine's root directory is both.
         */
        public Builder unsandboxed() {
            this.unsandboxed = true;
            return this;
        }

        /** Where the sandbox programs are; for tests that need them missing. */
        Builder sandboxTools(SandboxTools sandboxTools) {
            this.sandboxTools = Objects.requireNonNull(sandboxTools, "sandboxTools");
            return this;
        }

        /**
         * Creates the host, trying the sandboxes once unless {@link #unsandboxed()}.
         *
         * @throws IllegalStateException when no sandbox can run here; the message says what to install
         */
        public LocalMachineHost build() {
            Objects.requireNonNull(dataDir, "dataDir: set the directory where the host keeps its files");
            Path tools = installTools(dataDir.resolve("tools"));
            if (unsandboxed) {
                LOG.warn("Local machines run commands as host processes in each machine's directory (unsandboxed()): "
                        + "what they write outside it lands on this computer.");
                return new LocalMachineHost(new HostProcesses(), tools);
            }
            return new LocalMachineHost(sandbox(dataDir.resolve("sandbox-trial"), sandboxTools), tools);
        }

        /** The first sandbox whose trial works, else a failure saying why each did not and what to install. */
        private static Isolation sandbox(Path scratch, SandboxTools sandboxTools) {
            List<String> failures = new ArrayList<>();
            for (NamespaceSandbox candidate : NamespaceSandbox.candidates(sandboxTools)) {
                Optional<String> unusable = candidate.probe(scratch);
                if (unusable.isEmpty()) {
                    LOG.debug("Local machines run in a {} sandbox", candidate.name());
                    return candidate;
                }
                failures.add(candidate.name() + ": " + unusable.get());
            }
            throw new IllegalStateException("Local machines need a sandbox, and none can run here ("
                    + String.join("; ", failures) + "). Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap), "
                    + "or run as root with util-linux (unshare, setpriv, nsenter) and perl. Without a sandbox, the "
                    + "machines' scripts would write this computer's own /etc, /srv and /tmp: only "
                    + "LocalMachineHost.builder().unsandboxed() or LocalEc2.builder().localMachines().unsandboxed() "
                    + "runs them so.");
        }

        private static Path installTools(Path tools) {
            try (InputStream sudo = LocalMachineHost.class.getResourceAsStream("sudo")) {
                Files.createDirectories(tools);
                Path target = tools.resolve("sudo");
                Files.copy(Objects.requireNonNull(sudo, "the sudo script is missing from the testkit jar"), target,
                        StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                return tools;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write Kiln's sudo into " + tools, e);
            }
        }
    }
}
