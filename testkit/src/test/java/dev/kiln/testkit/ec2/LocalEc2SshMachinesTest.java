package dev.kiln.testkit.ec2;

import static dev.kiln.testkit.assertj.KilnAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testkit.ssh.OpenSshClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/**
 * Instances are real SSH machines: OpenSSH logs in as the image's user with the key pair's key, at the public IP,
 * only while a security group admits it; the console shows the host key; a baked image boots with its files.
 */
class LocalEc2SshMachinesTest {

    @Test
    void instancesAreSshMachinesGuardedByTheirSecurityGroups(@TempDir Path dir) {
        OpenSshClient ssh = OpenSshClient.withNewKey(dir, "me");
        try (LocalEc2 ec2 = LocalEc2.builder().localMachines().dataDir(dir.resolve("ec2")).start();
             Ec2Client client = Ec2Clients.client(ec2, "us-east-1")) {
            Ec2Waiter waiter = Ec2Clients.waiter(client);
            int port = ec2.sshPort();
            client.importKeyPair(r -> r.keyName("me").publicKeyMaterial(SdkBytes.fromUtf8String(ssh.publicKeyLine())));
            String group = client.createSecurityGroup(r -> r.groupName("ssh").description("ssh")).groupId();
            client.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp")
                    .fromPort(port).toPort(port).ipRanges(c -> c.cidrIp("0.0.0.0/0"))));

            Instance open = launch(client, waiter, "ami-0e6d2e8684d4ccb3e", group);
            String ip = open.publicIpAddress();
            assertThat(ssh.exec(ip, port, "ec2-user", "echo in").stdout().strip()).isEqualTo("in");
            assertThat(ssh.exec(ip, port, "ubuntu", "true").exitCode()).as("only the image's user logs in").isNotZero();
            String console = awaitConsole(client, open.instanceId(), "-----END SSH HOST KEY FINGERPRINTS-----");
            assertThat(console).contains("-----BEGIN SSH HOST KEY FINGERPRINTS-----")
                    .contains(ssh.hostKeyFingerprintSeen(ip, port, "ec2-user"));
            assertThat(ssh.exec(ip, port, "ec2-user", "echo baked | sudo tee /etc/motd").exitCode()).isZero();

            Instance closed = launch(client, waiter, "ami-0e6d2e8684d4ccb3e", null);
            assertThat(ssh.exec(closed.publicIpAddress(), port, "ec2-user", "true").exitCode())
                    .as("the default group admits no SSH").isNotZero();

            client.stopInstances(r -> r.instanceIds(open.instanceId()));
            waiter.waitUntilInstanceStopped(r -> r.instanceIds(open.instanceId()));
            String image = client.createImage(r -> r.instanceId(open.instanceId()).name("baked")).imageId();
            waiter.waitUntilImageAvailable(r -> r.imageIds(image));
            Instance fromImage = launch(client, waiter, image, group);
            assertThat(ssh.exec(fromImage.publicIpAddress(), port, "ec2-user", "cat /etc/motd").stdout().strip())
                    .isEqualTo("baked");

            client.terminateInstances(r -> r.instanceIds(open.instanceId(), closed.instanceId(), fromImage.instanceId()));
            waiter.waitUntilInstanceTerminated(r -> r.instanceIds(open.instanceId(), closed.instanceId(), fromImage.instanceId()));
            client.deleteSecurityGroup(r -> r.groupId(group));
            client.deleteKeyPair(r -> r.keyName("me"));
            assertThat(ec2).hasNoLeaks();
        }
    }

    /** Cloud-init prints the host keys a moment after SSH is up: poll the console, as a user would. */
    private static String awaitConsole(Ec2Client client, String instanceId, String expected) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        String console = "";
        while (System.nanoTime() < deadline && !console.contains(expected)) {
            console = new String(Base64.getDecoder().decode(client.getConsoleOutput(r -> r.instanceId(instanceId)).output()),
                    StandardCharsets.UTF_8);
        }
        return console;
    }

    private static Instance launch(Ec2Client client, Ec2Waiter waiter, String imageId, String group) {
        String id = client.runInstances(r -> {
            r.imageId(imageId).minCount(1).maxCount(1).keyName("me");
            if (group != null) {
                r.securityGroupIds(group);
            }
        }).instances().get(0).instanceId();
        return waiter.waitUntilInstanceRunning(r -> r.instanceIds(id)).matched().response().orElseThrow()
                .reservations().get(0).instances().get(0);
    }
}
