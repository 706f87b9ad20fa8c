package dev.kiln.testkit.machine;

import dev.kiln.testkit.machine.internal.Bubblewrap;
import dev.kiln.testkit.machine.internal.HostProcesses;
import dev.kiln.testkit.machine.internal.Isolation;
import dev.kiln.testkit.machine.internal.SshMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
 * root filesystem. Where bubblewrap works, commands run in a sandbox in which {@code /etc, /opt, /srv, /var,
 * /home, /tmp} and {@code /root} are the machine's, the host's {@code /usr} is read-only, the network is the
 * machine's own loopback only, and {@code sudo} runs its command. Otherwise commands are host processes in the
 * machine's directory, which is logged once when the host is created.
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

    /** A host keeping its own files in {@code dataDir}, sandboxing commands when bubblewrap works. */
    public static LocalMachineHost create(Path dataDir) {
        return builder().dataDir(dataDir).build();
    }

    /** A builder; {@link Builder#dataDir(Path)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** True when commands run in the bubblewrap sandbox, false when they run as host processes. */
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

    /** Settings of a {@link LocalMachineHost}. */
    public static final class Builder {
        private Path dataDir;
        private boolean sandbox = true;

        private Builder() {
        }

        /** Where the host keeps its own files (Kiln's {@code sudo}, the sandbox trial). Required. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /**
         * Whether to run commands in the bubblewrap sandbox when it works (the default); false runs them as host
         * processes.
         */
        public Builder sandbox(boolean sandbox) {
            this.sandbox = sandbox;
            return this;
        }

        /** Creates the host, trying the sandbox once when asked to use it. */
        public LocalMachineHost build() {
            Objects.requireNonNull(dataDir, "dataDir: set the directory where the host keeps its files");
            Path tools = installTools(dataDir.resolve("tools"));
            Isolation isolation;
            if (!sandbox) {
                LOG.warn("Local machines run commands as host processes in each machine's directory (sandbox turned off).");
                isolation = new HostProcesses();
            } else {
                Optional<String> unusable = Bubblewrap.probe(dataDir.resolve("sandbox-trial"));
                if (unusable.isPresent()) {
                    LOG.warn("Local machines run commands as host processes in each machine's directory, not in a "
                            + "bubblewrap sandbox: {}", unusable.get());
                    isolation = new HostProcesses();
                } else {
                    isolation = new Bubblewrap();
                }
            }
            return new LocalMachineHost(isolation, tools);
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
