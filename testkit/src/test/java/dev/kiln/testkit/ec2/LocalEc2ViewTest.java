package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The public view of images and instances shows what DescribeImages and DescribeInstances show, and the files as
 * the machine sees them: links followed inside its own files, never out to the host's.
 */
class LocalEc2ViewTest extends FreshLocalEc2 {
    private static final String AMAZON_LINUX = BaseImage.AMAZON_LINUX_2.id();

    @Test
    void anInstanceShowsWhatDescribeInstancesShowsAndItsMachinesFiles() throws Exception {
        String group = client.createSecurityGroup(r -> r.groupName("web").description("web")).groupId();
        client.createKeyPair(r -> r.keyName("me"));
        String id = client.runInstances(r -> r.imageId(AMAZON_LINUX).instanceType("t3.small").keyName("me")
                .securityGroupIds(group).minCount(1).maxCount(1).tagSpecifications(t -> t
                        .resourceType(ResourceType.INSTANCE).tags(tag("Name", "web"), tag("team", "images"))))
                .instances().get(0).instanceId();
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        Files.writeString(host.machines.get(id).root().resolve("etc/app.conf"), "port=8080\n");

        InstanceView view = ec2.instance("us-east-1", id);
        Instance described = client.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
        assertThat(view.id()).isEqualTo(id);
        assertThat(view.region()).isEqualTo("us-east-1");
        assertThat(view.state()).isEqualTo(described.state().nameAsString()).isEqualTo("running");
        assertThat(view.imageId()).isEqualTo(described.imageId()).isEqualTo(AMAZON_LINUX);
        assertThat(view.instanceType()).isEqualTo(described.instanceTypeAsString()).isEqualTo("t3.small");
        assertThat(view.keyName()).contains(described.keyName()).contains("me");
        assertThat(view.securityGroupIds()).containsExactly(described.securityGroups().get(0).groupId())
                .containsExactly(group);
        assertThat(view.tags()).isEqualTo(tags(described.tags().stream()))
                .containsExactly(Map.entry("Name", "web"), Map.entry("team", "images"));
        assertThat(view.file("/etc/app.conf")).isEqualTo("port=8080\n");
        assertThat(view.list("/etc")).containsExactly("app.conf", "os-release");
        assertThat(ec2.instances("us-east-1")).extracting(InstanceView::id).containsExactly(id);

        client.terminateInstances(r -> r.instanceIds(id));
        waiter.waitUntilInstanceTerminated(r -> r.instanceIds(id));
        InstanceView terminated = ec2.instance("us-east-1", id);
        assertThat(terminated.state()).isEqualTo("terminated");
        assertThat(terminated.exists("/etc/app.conf")).isFalse();
        assertThatThrownBy(() -> terminated.file("/etc/app.conf")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no /etc/app.conf in instance " + id + " in us-east-1: it has no machine (state "
                        + "terminated): LocalEc2 runs none, or it has not booted yet, or it is gone");
        assertThat(view.exists("/etc/app.conf")).as("a view taken earlier reads the files as they are now").isFalse();
        client.deleteSecurityGroup(r -> r.groupId(group));
        client.deleteKeyPair(r -> r.keyName("me"));
    }

    @Test
    void anImageShowsWhatDescribeImagesShowsAndItsFilesAsTheMachineSeesThem(@TempDir Path dir) throws Exception {
        String id = client.runInstances(r -> r.imageId(AMAZON_LINUX).minCount(1).maxCount(1)).instances().get(0)
                .instanceId();
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        Path root = host.machines.get(id).root();
        Path hostOnly = Files.writeString(dir.resolve("host-only.txt"), "the host's");
        Files.writeString(root.resolve("etc/app.conf"), "port=8080\n");
        Files.createDirectories(root.resolve("var/www"));
        Files.writeString(root.resolve("var/www/index.html"), "<h1>hi</h1>");
        Files.createDirectories(root.resolve("opt"));
        Files.write(root.resolve("opt/blob"), new byte[] {0, (byte) 0xff, '\n'});
        Path srv = Files.createDirectories(root.resolve("srv"));
        Files.createSymbolicLink(srv.resolve("www"), Path.of("/var/www"));
        Files.createSymbolicLink(srv.resolve("conf"), Path.of("/etc/app.conf"));
        Files.createSymbolicLink(srv.resolve("up"), Path.of("../../../../../../../etc"));
        Files.createSymbolicLink(srv.resolve("out"), hostOnly.toAbsolutePath());
        Files.createSymbolicLink(srv.resolve("rel-out"), srv.relativize(hostOnly.toAbsolutePath()));
        Files.createSymbolicLink(srv.resolve("env"), Path.of("/usr/bin/env"));
        Files.createSymbolicLink(srv.resolve("loop"), Path.of("/srv/loop"));
        String ami = client.createImage(r -> r.instanceId(id).name("web").tagSpecifications(t -> t
                .resourceType(ResourceType.IMAGE).tags(tag("Name", "web")))).imageId();
        waiter.waitUntilImageAvailable(r -> r.imageIds(ami));

        ImageView image = ec2.image("us-east-1", ami);
        Image described = client.describeImages(r -> r.imageIds(ami)).images().get(0);
        assertThat(image.id()).isEqualTo(ami);
        assertThat(image.state()).isEqualTo(described.stateAsString()).isEqualTo("available");
        assertThat(image.name()).isEqualTo(described.name()).isEqualTo("web");
        assertThat(image.ownerId()).isEqualTo(described.ownerId());
        assertThat(image.tags()).isEqualTo(tags(described.tags().stream())).containsExactly(Map.entry("Name", "web"));
        assertThat(image.blockDevices()).isEqualTo(described.blockDeviceMappings().stream()
                .map(d -> new BlockDeviceMapping(d.deviceName(), d.ebs().snapshotId(), d.ebs().volumeSize(),
                        d.ebs().volumeTypeAsString(), d.ebs().deleteOnTermination())).toList());
        assertThat(image.blockDevices()).singleElement().satisfies(d -> {
            assertThat(d.deviceName()).isEqualTo("/dev/xvda");
            assertThat(d.snapshotId()).startsWith("snap-");
        });
        assertThat(ec2.images("us-east-1")).extracting(ImageView::id).endsWith(ami).contains(AMAZON_LINUX);

        assertThat(image.file("/etc/app.conf")).isEqualTo("port=8080\n");
        assertThat(image.file("/srv/www/index.html")).as("an absolute link to a directory").isEqualTo("<h1>hi</h1>");
        assertThat(image.file("/srv/conf")).as("an absolute link to a file").isEqualTo("port=8080\n");
        assertThat(image.file("/srv/up/app.conf")).as("a relative link climbing out stops at /").isEqualTo("port=8080\n");
        assertThat(image.file("/../../../etc/app.conf")).isEqualTo("port=8080\n");
        assertThat(image.fileBytes("/opt/blob")).isEqualTo(new byte[] {0, (byte) 0xff, '\n'});
        assertThat(image.list("/srv")).containsExactly("conf", "env", "loop", "out", "rel-out", "up", "www");
        assertThat(image.list("/srv/www")).containsExactly("index.html");
        assertThat(image.exists("/srv/out")).as("an absolute link to a host file").isFalse();
        assertThat(image.exists("/srv/rel-out")).as("a relative link to a host file").isFalse();
        assertThat(image.exists("/srv/env")).as("host programs are not the image's").isFalse();
        assertThat(image.exists("/var/www")).isTrue();

        assertThatThrownBy(() -> image.file("/srv/out")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("the host's");
        assertThatThrownBy(() -> image.file("/etc/missing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no /etc/missing in image " + ami + " in us-east-1; /etc holds [app.conf, os-release]");
        assertThatThrownBy(() -> image.file("/nowhere/at/all")).hasMessageEndingWith("; / holds [etc, opt, srv, var]");
        assertThatThrownBy(() -> image.file("/var/www")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("/var/www in image " + ami + " in us-east-1 is a directory, holding [index.html]");
        assertThatThrownBy(() -> image.list("/etc/app.conf")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("/etc/app.conf in image " + ami + " in us-east-1 is a file, not a directory");
        assertThatThrownBy(() -> image.file("etc/app.conf")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path must be absolute, as the machine sees it, e.g. /etc/app.conf; got etc/app.conf");
        assertThatThrownBy(() -> image.exists("/srv/loop")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path /srv/loop has more than 40 symbolic links (a loop?)");

        Files.writeString(root.resolve("etc/app.conf"), "port=9090\n");
        assertThat(image.file("/etc/app.conf")).as("the image is a copy, not the machine").isEqualTo("port=8080\n");
        client.terminateInstances(r -> r.instanceIds(id));
    }

    @Test
    void unknownIdsAndRegionsAreErrorsThatSayWhatThereIs() {
        assertThatThrownBy(() -> ec2.image("us-east-1", "ami-0000000000000000a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LocalEc2 has no image ami-0000000000000000a in us-east-1; there are "
                        + AMAZON_LINUX + " (" + BaseImage.AMAZON_LINUX_2.name() + "), "
                        + BaseImage.UBUNTU_16_04.id() + " (" + BaseImage.UBUNTU_16_04.name() + ")");
        assertThatThrownBy(() -> ec2.instance("us-west-2", "i-0000000000000000a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LocalEc2 has no instance i-0000000000000000a in us-west-2; it has none there");
        assertThatThrownBy(() -> ec2.images("us-esat-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LocalEc2 has no region us-esat-1; its regions are " + ec2.regions());

        ImageView base = ec2.image("us-east-1", AMAZON_LINUX);
        assertThat(base.state()).isEqualTo("available");
        assertThat(base.exists("/etc")).isFalse();
        assertThatThrownBy(() -> base.list("/etc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no /etc in image " + AMAZON_LINUX + " in us-east-1: it is a base image, which boots a "
                        + "fresh layout and holds no captured files");
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static Map<String, String> tags(java.util.stream.Stream<Tag> tags) {
        return tags.collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
