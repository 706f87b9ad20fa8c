package dev.kiln.testkit.ec2;

import static dev.kiln.testkit.ec2.Ec2Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testkit.ec2.internal.keys.KeyMaterial;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The faults that make LocalEc2 answer like an EC2-compatible endpoint with fewer features than EC2. */
class LocalEc2LimitedEndpointTest extends FreshLocalEc2 {
    private static final String IMAGE = "ami-0e6d2e8684d4ccb3e";

    /** One attempt per call: each refusal is seen once, without the SDK's retries of an HTTP 500. */
    @Override
    Ec2Client newClient() {
        return Ec2Clients.withoutRetries(ec2, "us-east-1");
    }

    private static TagSpecification tags(ResourceType type) {
        return TagSpecification.builder().resourceType(type).tags(Tag.builder().key("kiln:session").value("s1").build()).build();
    }

    private String runningInstance() {
        String id = client.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1)).instances().get(0).instanceId();
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        return id;
    }

    @Test
    void aRefusedSnapshotTagSpecificationIsAnInternalErrorThatCreatesNothing() {
        String instance = runningInstance();
        ec2.faults().refuseTagSpecifications("snapshot");

        Ec2Exception refused = assertError(() -> client.createImage(r -> r.instanceId(instance).name("tagged")
                .tagSpecifications(tags(ResourceType.IMAGE), tags(ResourceType.SNAPSHOT))), "InternalError", 500);
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("An internal error has occurred");
        assertThat(client.describeImages(r -> r.owners("self")).images()).isEmpty();
        assertThat(ec2.leaks()).extracting(Leak::type).containsExactlyInAnyOrder("instance", "volume");

        String image = client.createImage(r -> r.instanceId(instance).name("tagged").tagSpecifications(tags(ResourceType.IMAGE)))
                .imageId();
        String snapshot = client.describeImages(r -> r.imageIds(image)).images().get(0).blockDeviceMappings().get(0).ebs().snapshotId();
        client.createTags(r -> r.resources(snapshot).tags(Tag.builder().key("kiln:session").value("s1").build()));
        assertThat(client.describeSnapshots(r -> r.filters(f -> f.name("tag:kiln:session").values("s1"))).snapshots())
                .extracting(Snapshot::snapshotId).containsExactly(snapshot);
        assertThat(client.describeImages(r -> r.filters(f -> f.name("tag:kiln:session").values("s1"))).images())
                .singleElement().satisfies(i -> assertThat(i.imageId()).isEqualTo(image));
    }

    @Test
    void eachRefusedTypeIsRefusedOnEveryCallUntilCleared() {
        ec2.faults().refuseTagSpecifications("instance").refuseTagSpecifications("key-pair");
        assertError(() -> client.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1)
                .tagSpecifications(tags(ResourceType.VOLUME), tags(ResourceType.INSTANCE))), "InternalError", 500);
        assertError(() -> client.createKeyPair(r -> r.keyName("k").tagSpecifications(tags(ResourceType.KEY_PAIR))),
                "InternalError", 500);
        assertThat(ec2.leaks()).isEmpty();
        assertThat(ec2.calls()).allSatisfy(c -> assertThat(c.createdIds()).isEmpty());

        client.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1).tagSpecifications(tags(ResourceType.VOLUME)));
        assertThat(client.describeVolumes(r -> r.filters(f -> f.name("tag:kiln:session").values("s1"))).volumes()).hasSize(1);

        ec2.faults().clear();
        client.createKeyPair(r -> r.keyName("k").tagSpecifications(tags(ResourceType.KEY_PAIR)));
        assertThat(client.describeKeyPairs(r -> r.filters(f -> f.name("tag:kiln:session").values("s1"))).keyPairs())
                .singleElement().satisfies(k -> assertThat(k.keyName()).isEqualTo("k"));
    }

    @Test
    void ed25519KeysCanBeRefusedWhileRsaKeysImport() {
        String ed25519 = KeyMaterial.generate("ed25519").publicKeyLine();
        ec2.faults().refuseEd25519Keys();
        Ec2Exception refused = assertError(() -> client.importKeyPair(r -> r.keyName("ed")
                .publicKeyMaterial(SdkBytes.fromUtf8String(ed25519))), "InvalidKeyPair.Format", 400);
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("Key is not in valid OpenSSH public key format");
        assertThat(ec2.leaks()).isEmpty();

        String rsa = KeyMaterial.generate("rsa").publicKeyLine();
        assertThat(client.importKeyPair(r -> r.keyName("rsa").publicKeyMaterial(SdkBytes.fromUtf8String(rsa))).keyName())
                .isEqualTo("rsa");

        ec2.faults().clear();
        assertThat(client.importKeyPair(r -> r.keyName("ed").publicKeyMaterial(SdkBytes.fromUtf8String(ed25519)))
                .keyName()).isEqualTo("ed");
    }
}
