package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.testkit.machine.HostSettings;
import dev.kiln.testkit.ssh.OpenSshClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** LocalEc2 never runs its local machines outside a sandbox unless told to with {@code unsandboxed()}. */
class LocalEc2SandboxTest {

    @TempDir
    Path tmp;

    @Test
    void refusesToStartLocalMachinesWithoutBubblewrapOrUnshare() {
        LocalEc2.Builder builder = LocalEc2.builder().localMachines().dataDir(tmp.resolve("ec2"))
                .machineHostSettings(() -> HostSettings.noSandboxProgramsIn(tmp.resolve("empty")));

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Local machines need a sandbox, and none can run here (bubblewrap: ")
                .hasMessageContaining("Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap)")
                .hasMessageContaining("LocalEc2.builder().localMachines().unsandboxed()");
    }

    @Test
    void startsUnsandboxedWhenToldToAndItsMachinesAreHostProcesses() {
        OpenSshClient ssh = OpenSshClient.withNewKey(tmp, "me");
        try (LocalEc2 ec2 = LocalEc2.builder().localMachines().unsandboxed().dataDir(tmp.resolve("ec2"))
                .machineHostSettings(() -> HostSettings.noSandboxProgramsIn(tmp.resolve("empty"))).start();
             Ec2Client client = Ec2Clients.client(ec2, "us-east-1")) {
            int port = ec2.sshPort();
            client.importKeyPair(r -> r.keyName("me").publicKeyMaterial(SdkBytes.fromUtf8String(ssh.publicKeyLine())));
            String group = client.createSecurityGroup(r -> r.groupName("ssh").description("ssh")).groupId();
            client.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp")
                    .fromPort(port).toPort(port).ipRanges(c -> c.cidrIp("127.0.0.0/8"))));
            String id = client.runInstances(r -> r.imageId("ami-0e6d2e8684d4ccb3e").minCount(1).maxCount(1)
                    .keyName("me").securityGroupIds(group)).instances().get(0).instanceId();
            String ip = Ec2Clients.waiter(client).waitUntilInstanceRunning(r -> r.instanceIds(id)).matched().response()
                    .orElseThrow().reservations().get(0).instances().get(0).publicIpAddress();

            OpenSshClient.Result pwd = ssh.exec(ip, port, "ec2-user", "pwd");

            assertThat(pwd.stdout().strip()).as(pwd.toString())
                    .isEqualTo(tmp.resolve("ec2/machines").resolve(id).resolve("root").toString());
        }
    }

    @Test
    void unsandboxedWithoutLocalMachinesIsRefused() {
        assertThatThrownBy(() -> LocalEc2.builder().unsandboxed().start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("unsandboxed() applies to localMachines(): call localMachines() too "
                        + "(a machineHost(...) is sandboxed or not by its own settings)");
    }
}
