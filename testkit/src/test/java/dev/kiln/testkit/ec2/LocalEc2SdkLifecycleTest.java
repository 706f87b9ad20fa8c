package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** The real AWS SDK v2 client drives a whole build lifecycle against LocalEc2, with the SDK's own waiters. */
class LocalEc2SdkLifecycleTest {
    static FakeMachineHost host = new FakeMachineHost();
    static LocalEc2 ec2;
    static Ec2Client client;
    static Ec2Waiter waiter;

    @BeforeAll
    static void start() {
        ec2 = LocalEc2.builder().machineHost(host).start();
        client = Ec2Clients.client(ec2, "us-east-1");
        waiter = Ec2Clients.waiter(client);
    }

    @AfterAll
    static void stop() {
        client.close();
        ec2.close();
    }

    @Test
    void buildsAnImageTheWayPackerDoesAndLeavesNothingBehind() throws Exception {
        Image base = client.describeImages(r -> r.owners("amazon")
                .filters(f -> f.name("name").values("amzn2-ami-hvm-2.0.????????-x86_64-gp2"))).images().get(0);
        assertThat(base.imageId()).isEqualTo("ami-0e6d2e8684d4ccb3e");

        var key = client.createKeyPair(r -> r.keyName("packer_1"));
        assertThat(key.keyMaterial()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(key.keyFingerprint()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
        String groupId = client.createSecurityGroup(r -> r.groupName("packer_1").description("temporary")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                        .tags(Tag.builder().key("kiln").value("yes").build()).build())).groupId();
        client.authorizeSecurityGroupIngress(r -> r.groupId(groupId)
                .ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(c -> c.cidrIp("0.0.0.0/0"))));

        String instanceId = client.runInstances(r -> r.imageId(base.imageId()).instanceType("t2.micro")
                .minCount(1).maxCount(1).keyName("packer_1")
                .networkInterfaces(n -> n.deviceIndex(0).associatePublicIpAddress(true).groups(groupId))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Name").value("Packer Builder").build()).build(),
                        TagSpecification.builder().resourceType(ResourceType.VOLUME)
                        .tags(Tag.builder().key("kiln").value("yes").build()).build()))
                .instances().get(0).instanceId();
        assertThat(instanceId).matches("i-[0-9a-f]{17}");

        Instance running = waiter.waitUntilInstanceRunning(r -> r.instanceIds(instanceId)).matched().response()
                .orElseThrow().reservations().get(0).instances().get(0);
        assertThat(running.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(running.publicIpAddress()).matches("127\\.0\\.\\d+\\.\\d+").isEqualTo(running.privateIpAddress());
        assertThat(running.vpcId()).isNotEmpty();
        assertThat(running.tags()).containsExactly(Tag.builder().key("Name").value("Packer Builder").build());
        var request = host.requests.get(instanceId);
        assertThat(request.user()).isEqualTo("ec2-user");
        assertThat(request.address()).isEqualTo(running.publicIpAddress());
        assertThat(request.sshPort()).isEqualTo(ec2.sshPort());
        String publicKey = client.describeKeyPairs(r -> r.keyNames("packer_1").includePublicKey(true)).keyPairs().get(0).publicKey();
        assertThat(request.authorizedKeys()).containsExactly(publicKey);
        assertThat(request.sshAllowed().getAsBoolean()).isTrue();
        String rootVolume = running.blockDeviceMappings().get(0).ebs().volumeId();
        assertThat(client.describeVolumes(r -> r.volumeIds(rootVolume)).volumes().get(0).tags())
                .containsExactly(Tag.builder().key("kiln").value("yes").build());

        String console = new String(Base64.getDecoder().decode(client.getConsoleOutput(r -> r.instanceId(instanceId)).output()));
        assertThat(console).contains("BEGIN SSH HOST KEY FINGERPRINTS");

        Files.writeString(host.machines.get(instanceId).root().resolve("etc/nginx.conf"), "server {}");
        client.stopInstances(r -> r.instanceIds(instanceId));
        waiter.waitUntilInstanceStopped(r -> r.instanceIds(instanceId));
        assertThat(host.machines.get(instanceId).running).isFalse();

        String imageId = client.createImage(r -> r.instanceId(instanceId).name("packer-base-1")).imageId();
        Image image = waiter.waitUntilImageAvailable(r -> r.imageIds(imageId)).matched().response().orElseThrow().images().get(0);
        assertThat(image.ownerId()).isEqualTo(ec2.accountId());
        String snapshotId = image.blockDeviceMappings().get(0).ebs().snapshotId();
        assertThat(snapshotId).matches("snap-[0-9a-f]{17}");
        assertThat(client.describeImages(r -> r.owners("self")).images()).extracting(Image::imageId).containsExactly(imageId);

        client.terminateInstances(r -> r.instanceIds(instanceId));
        waiter.waitUntilInstanceTerminated(r -> r.instanceIds(instanceId));
        assertThat(host.machines.get(instanceId).destroyed).isTrue();
        assertThat(client.describeVolumes(r -> r.filters(f -> f.name("volume-id").values(rootVolume))).volumes()).isEmpty();
        client.deleteSecurityGroup(r -> r.groupId(groupId));
        client.deleteKeyPair(r -> r.keyName("packer_1"));

        assertThat(ec2.leaks()).isEmpty();

        // The image boots from the captured files.
        String second = client.runInstances(r -> r.imageId(imageId).minCount(1).maxCount(1)).instances().get(0).instanceId();
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(second));
        assertThat(host.requests.get(second).user()).isEqualTo("ec2-user");
        Path restored = host.machines.get(second).root().resolve("etc/nginx.conf");
        assertThat(restored).hasContent("server {}");
        assertThat(host.requests.get(second).sshAllowed().getAsBoolean()).as("the default group admits no SSH").isFalse();
        client.terminateInstances(r -> r.instanceIds(second));
        waiter.waitUntilInstanceTerminated(r -> r.instanceIds(second));

        client.deregisterImage(r -> r.imageId(imageId));
        assertThat(ec2.leaks()).extracting(Leak::id).containsExactly(snapshotId);
        client.deleteSnapshot(r -> r.snapshotId(snapshotId));
        assertThat(ec2.leaks()).isEmpty();

        List<String> actions = ec2.calls().stream().filter(c -> c.region().equals("us-east-1")).map(Ec2Call::action).toList();
        assertThat(actions).containsSubsequence("DescribeImages", "CreateKeyPair", "CreateSecurityGroup",
                "AuthorizeSecurityGroupIngress", "RunInstances", "DescribeInstances", "StopInstances", "CreateImage",
                "DescribeImages", "TerminateInstances", "DeleteSecurityGroup", "DeleteKeyPair");
        assertThat(ec2.calls("RunInstances")).filteredOn(c -> c.createdIds().contains(instanceId)).singleElement()
                .satisfies(c -> assertThat(c.createdIds()).containsExactly(instanceId, rootVolume));
    }

    @Test
    void statusSharingAndRevokedRulesWork() {
        String group = client.createSecurityGroup(r -> r.groupName("ssh-then-not").description("d")).groupId();
        client.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp")
                .fromPort(ec2.sshPort()).toPort(ec2.sshPort()).ipRanges(c -> c.cidrIp("127.0.0.0/8"))));
        String id = client.runInstances(r -> r.imageId("ami-aa2ea6d0").minCount(1).maxCount(1).securityGroupIds(group))
                .instances().get(0).instanceId();
        waiter.waitUntilInstanceStatusOk(r -> r.instanceIds(id));
        var allowed = host.requests.get(id).sshAllowed();
        assertThat(allowed.getAsBoolean()).isTrue();
        client.revokeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp")
                .fromPort(ec2.sshPort()).toPort(ec2.sshPort()).ipRanges(c -> c.cidrIp("127.0.0.0/8"))));
        assertThat(allowed.getAsBoolean()).as("the check is live: a revoked rule closes SSH").isFalse();

        String image = client.createImage(r -> r.instanceId(id).name("shared")).imageId();
        waiter.waitUntilImageAvailable(r -> r.imageIds(image));
        client.modifyImageAttribute(r -> r.imageId(image).launchPermission(l -> l.add(p -> p.userId("111122223333")))
                .description(d -> d.value("shared with a friend")));
        assertThat(client.describeImageAttribute(r -> r.imageId(image).attribute("launchPermission")).launchPermissions())
                .extracting(p -> p.userId()).containsExactly("111122223333");
        assertThat(client.describeImageAttribute(r -> r.imageId(image).attribute("description")).description().value())
                .isEqualTo("shared with a friend");
        String snapshot = client.describeImages(r -> r.imageIds(image)).images().get(0).blockDeviceMappings().get(0).ebs().snapshotId();
        client.modifySnapshotAttribute(r -> r.snapshotId(snapshot).createVolumePermission(c -> c.add(p -> p.userId("111122223333"))));
        assertThat(client.describeSnapshotAttribute(r -> r.snapshotId(snapshot).attribute("createVolumePermission"))
                .createVolumePermissions()).extracting(p -> p.userId()).containsExactly("111122223333");

        client.terminateInstances(r -> r.instanceIds(id));
        waiter.waitUntilInstanceTerminated(r -> r.instanceIds(id));
        client.deleteSecurityGroup(r -> r.groupId(group));
        client.deregisterImage(r -> r.imageId(image));
        client.deleteSnapshot(r -> r.snapshotId(snapshot));
    }
}
