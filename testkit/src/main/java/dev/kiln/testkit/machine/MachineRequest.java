package dev.kiln.testkit.machine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What LocalEc2 asks of a machine when an instance boots.
 *
 * @param instanceId the instance id, e.g. {@code i-0123456789abcdef0}
 * @param address the loopback address the SSH server binds, e.g. {@code 127.0.1.7}
 * @param sshPort the port the SSH server binds
 * @param user the image's default login user, e.g. {@code ec2-user}
 * @param authorizedKeys OpenSSH public key lines accepted for {@code user} (from the instance's key pair)
 * @param imageRoot the image's captured files to start from, or null for a base image's fresh layout
 * @param machineDir an empty directory where the machine keeps its root filesystem and state
 * @param sshAllowed asked on every new connection: true when the instance's security groups allow tcp on
 *     {@code sshPort}; when false the connection is closed at once, as a firewall would drop it
 * @param reachable false to simulate a machine that never becomes reachable: nothing listens
 * @param osBootTime asked at every boot and every start after a stop: how long the OS takes to boot before the
 *     SSH server listens; until then connections are refused, as by a closed port
 */
public record MachineRequest(
        String instanceId,
        String address,
        int sshPort,
        String user,
        List<String> authorizedKeys,
        Path imageRoot,
        Path machineDir,
        BooleanSupplier sshAllowed,
        boolean reachable,
        Supplier<Duration> osBootTime) {

    /** Checks the values; the authorized keys are copied. */
    public MachineRequest {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        authorizedKeys = List.copyOf(authorizedKeys);
        Objects.requireNonNull(machineDir, "machineDir");
        Objects.requireNonNull(sshAllowed, "sshAllowed");
        Objects.requireNonNull(osBootTime, "osBootTime");
    }

    /** A request for a machine whose SSH server listens as soon as it boots. */
    public MachineRequest(String instanceId, String address, int sshPort, String user, List<String> authorizedKeys,
            Path imageRoot, Path machineDir, BooleanSupplier sshAllowed, boolean reachable) {
        this(instanceId, address, sshPort, user, authorizedKeys, imageRoot, machineDir, sshAllowed, reachable,
                () -> Duration.ZERO);
    }
}
