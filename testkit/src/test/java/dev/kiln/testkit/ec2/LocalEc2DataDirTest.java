package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/** With a data directory, a second LocalEc2 finds the first one's images, files and all. */
class LocalEc2DataDirTest {

    @Test
    void imagesOutliveTheProcessThatMadeThem(@TempDir Path dataDir) throws Exception {
        FakeMachineHost host = new FakeMachineHost();
        String imageId;
        try (LocalEc2 first = LocalEc2.builder().machineHost(host).dataDir(dataDir).start();
             Ec2Client client = Ec2Clients.client(first, "us-east-2")) {
            String id = client.runInstances(r -> r.imageId("ami-aa2ea6d0").minCount(1).maxCount(1)).instances().get(0).instanceId();
            Ec2Clients.waiter(client).waitUntilInstanceRunning(r -> r.instanceIds(id));
            Files.writeString(host.machines.get(id).root().resolve("etc/baked"), "yes");
            imageId = client.createImage(r -> r.instanceId(id).name("baked")).imageId();
            Ec2Clients.waiter(client).waitUntilImageAvailable(r -> r.imageIds(imageId));
            client.createTags(r -> r.resources(imageId).tags(t -> t.key("release").value("1")));
            client.terminateInstances(r -> r.instanceIds(id));
        }
        assertThat(dataDir.resolve("machines")).doesNotExist();

        FakeMachineHost secondHost = new FakeMachineHost();
        try (LocalEc2 second = LocalEc2.builder().machineHost(secondHost).dataDir(dataDir).start();
             Ec2Client client = Ec2Clients.client(second, "us-east-2")) {
            Image image = client.describeImages(r -> r.owners("self")).images().get(0);
            assertThat(image.imageId()).isEqualTo(imageId);
            assertThat(image.name()).isEqualTo("baked");
            assertThat(image.tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("1"));
            String id = client.runInstances(r -> r.imageId(imageId).minCount(1).maxCount(1)).instances().get(0).instanceId();
            Ec2Clients.waiter(client).waitUntilInstanceRunning(r -> r.instanceIds(id));
            assertThat(secondHost.requests.get(id).user()).isEqualTo("ubuntu");
            assertThat(secondHost.machines.get(id).root().resolve("etc/baked")).hasContent("yes");
            assertThat(client.describeSnapshots(r -> r.ownerIds("self")).snapshots()).hasSize(1);
            client.terminateInstances(r -> r.instanceIds(id));
            Ec2Clients.waiter(client).waitUntilInstanceTerminated(r -> r.instanceIds(id));
            assertThat(second.leaks()).isEmpty();

            client.deregisterImage(r -> r.imageId(imageId));
        }
        try (LocalEc2 third = LocalEc2.builder().dataDir(dataDir).start();
             Ec2Client client = Ec2Clients.client(third, "us-east-2")) {
            assertThat(client.describeImages(r -> r.owners("self")).images()).isEmpty();
        }
    }
}
