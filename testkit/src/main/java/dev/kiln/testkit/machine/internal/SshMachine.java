package dev.kiln.testkit.machine.internal;

import dev.kiln.core.internal.FileTrees;
import dev.kiln.testkit.machine.LocalMachine;
import dev.kiln.testkit.machine.MachineRequest;
import dev.kiln.testkit.ssh.LocalSshServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local machine: its root filesystem under {@code machineDir/root}, its host key and {@code /run} beside it,
 * and while running an SSH server on its loopback address whose commands run under the host's isolation. When
 * the request gives the OS a boot time, the server starts listening only after it, as sshd on a booting
 * machine: until then nothing listens on the port and connections are refused.
 */
public final class SshMachine implements LocalMachine {
    private static final Logger LOG = LoggerFactory.getLogger(SshMachine.class);
    private final MachineRequest request;
    private final Isolation isolation;
    private final ExecutorService bootRunner;
    private final Consumer<LocalMachine> onDestroy;
    private final MachinePaths paths;
    private final LocalSshServer.Builder serverSettings;
    private final String hostname;
    private final List<String> console = new ArrayList<>();
    private IsolatedRun run;
    private LocalSshServer server;
    private Future<?> boot;
    private CompletableFuture<Void> osBooting;
    private int port;

    private SshMachine(MachineRequest request, Isolation isolation, ExecutorService bootRunner, Path tools,
            Consumer<LocalMachine> onDestroy) {
        this.request = request;
        this.onDestroy = onDestroy;
        this.isolation = isolation;
        this.bootRunner = bootRunner;
        this.hostname = "ip-" + request.address().replace('.', '-').replace(':', '-');
        this.paths = new MachinePaths(request.machineDir().resolve("root"), request.machineDir().resolve("run"), tools,
                request.user(), request.instanceId() + "/" + UUID.randomUUID(), hostname);
        this.port = request.sshPort();
        this.serverSettings = LocalSshServer.builder()
                .bindAddress(request.address())
                .user(request.user())
                .authorizedKeys(request.authorizedKeys())
                .hostKeyFile(request.machineDir().resolve("ssh_host_ed25519_key"))
                .directory(paths.root())
                .admission(request.sshAllowed());
    }

    /**
     * Lays out the machine's files (fresh, or from the request's image root) and starts it.
     *
     * @param tools the directory of Kiln's helper programs (its {@code sudo})
     * @param onDestroy told when the machine is destroyed
     */
    public static SshMachine boot(MachineRequest request, Isolation isolation, ExecutorService bootRunner, Path tools,
            Consumer<LocalMachine> onDestroy) throws IOException {
        SshMachine machine = new SshMachine(request, isolation, bootRunner, tools, onDestroy);
        Path root = machine.paths.root();
        if (request.imageRoot() == null) {
            RootFs.layOutBase(root, request.user());
        } else {
            RootFs.copyImage(request.imageRoot(), root, request.user());
        }
        machine.start();
        return machine;
    }

    @Override
    public String address() {
        return request.address();
    }

    @Override
    public synchronized int sshPort() {
        return port;
    }

    @Override
    public Path root() {
        return paths.root();
    }

    @Override
    public synchronized void start() throws IOException {
        if (run != null) {
            return;
        }
        BootTask.forgetPreviousBoot(paths.root());
        FileTrees.deleteTree(paths.run());
        Files.createDirectories(paths.run());
        run = isolation.start(paths);
        LocalSshServer built = serverSettings.port(port)
                .commandLauncher(run.launcher())
                .sftpServerCommand(run.sftpServerCommand())
                .build();
        Duration osBoot = request.osBootTime().get();
        if (osBoot.isZero() || osBoot.isNegative()) {
            try {
                serve(built);
            } catch (UncheckedIOException e) {
                stop();
                throw e.getCause();
            }
            return;
        }
        print(String.format(Locale.ROOT, "kiln-boot: the OS boots; sshd listens in %.2f seconds", osBoot.toNanos() / 1e9));
        IsolatedRun booting = run;
        osBooting = CompletableFuture.runAsync(() -> serveOnceBooted(built, booting),
                CompletableFuture.delayedExecutor(osBoot.toNanos(), TimeUnit.NANOSECONDS, bootRunner));
    }

    /** Starts the SSH server (unless the machine is unreachable), then what cloud-init does. */
    private void serve(LocalSshServer built) {
        if (request.reachable()) {
            server = built.start();
            port = server.port();
        }
        boot = bootRunner.submit(new BootTask(paths.root(), hostname, request.user(), request.authorizedKeys(),
                built.hostKeyFingerprint(), built.hostKeyLine(), this::print));
    }

    /** The end of the OS boot: serves, unless the machine was stopped (and maybe started again) meanwhile. */
    private synchronized void serveOnceBooted(LocalSshServer built, IsolatedRun booting) {
        if (run != booting) {
            return;
        }
        osBooting = null;
        try {
            serve(built);
        } catch (UncheckedIOException e) {
            LOG.warn("the SSH server of {} did not start", this, e);
            print("kiln-boot: sshd did not start: " + e.getCause().getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (osBooting != null) {
            osBooting.cancel(false);
            osBooting = null;
        }
        if (boot != null) {
            finishBoot(boot);
            boot = null;
        }
        if (server != null) {
            server.stop();
            server = null;
        }
        if (run != null) {
            run.killAll();
            run = null;
        }
    }

    @Override
    public void captureTo(Path imageRoot) throws IOException {
        RootFs.capture(paths.root(), imageRoot);
    }

    @Override
    public List<String> consoleOutput() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    @Override
    public void destroy() {
        stop();
        FileTrees.deleteTree(request.machineDir());
        onDestroy.accept(this);
    }

    /** Lets a boot task still writing its files end first, so they don't land in a stopped or deleted root. */
    private static void finishBoot(Future<?> boot) {
        try {
            boot.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the boot task printed its failure on the console; stopping goes on
        }
    }

    private void print(String line) {
        synchronized (console) {
            console.add(line);
        }
    }

    @Override
    public String toString() {
        return "SshMachine[" + request.instanceId() + " " + request.user() + "@" + request.address() + ":" + port + "]";
    }
}
