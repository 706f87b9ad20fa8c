package dev.kiln.testkit.ec2;

import dev.kiln.core.internal.FileTrees;
import dev.kiln.testkit.machine.LocalMachine;
import dev.kiln.testkit.machine.MachineHost;
import dev.kiln.testkit.machine.MachineRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A machine host for API tests: no SSH, but real files. A machine's root starts as a copy of the image's
 * files (or a base layout with /etc/os-release), so tests can see CreateImage capture and RunInstances restore.
 */
final class FakeMachineHost implements MachineHost {
    final Map<String, MachineRequest> requests = new ConcurrentHashMap<>();
    final Map<String, FakeMachine> machines = new ConcurrentHashMap<>();

    @Override
    public LocalMachine boot(MachineRequest request) throws IOException {
        Path root = request.machineDir().resolve("root");
        if (request.imageRoot() != null) {
            FileTrees.copyTree(request.imageRoot(), root);
        } else {
            Files.createDirectories(root.resolve("etc"));
            Files.writeString(root.resolve("etc/os-release"), "NAME=\"Amazon Linux\"\n");
        }
        FakeMachine machine = new FakeMachine(request, root);
        requests.put(request.instanceId(), request);
        machines.put(request.instanceId(), machine);
        return machine;
    }

    @Override
    public void close() {
    }

    static final class FakeMachine implements LocalMachine {
        final MachineRequest request;
        final Path root;
        volatile boolean running = true;
        volatile boolean destroyed;

        FakeMachine(MachineRequest request, Path root) {
            this.request = request;
            this.root = root;
        }

        @Override
        public String address() {
            return request.address();
        }

        @Override
        public int sshPort() {
            return request.sshPort();
        }

        @Override
        public Path root() {
            return root;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void captureTo(Path imageRoot) throws IOException {
            FileTrees.copyTree(root, imageRoot);
        }

        @Override
        public List<String> consoleOutput() {
            return List.of("-----BEGIN SSH HOST KEY FINGERPRINTS-----",
                    "256 SHA256:fake " + request.instanceId() + " (ED25519)",
                    "-----END SSH HOST KEY FINGERPRINTS-----");
        }

        @Override
        public void destroy() {
            running = false;
            destroyed = true;
            FileTrees.deleteTree(request.machineDir());
        }
    }
}
