package dev.kiln.testkit.ec2;

import static dev.kiln.testkit.ec2.Ec2Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kiln.testkit.ec2.internal.keys.KeyMaterial;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * What a client relies on to retry a create call safely: client tokens, duplicate names, and the lookups that
 * find what a call made when its answer was lost. Through the real SDK client.
 */
class LocalEc2IdempotencyTest extends FreshLocalEc2 {
    private static final String IMAGE = "ami-0e6d2e8684d4ccb3e";

    private static RunInstancesRequest.Builder launch(RunInstancesRequest.Builder r, String token) {
        return r.imageId(IMAGE).instanceType("t3.micro").minCount(1).maxCount(1).clientToken(token);
    }

    private Instance launched(Ec2Client target, String token) {
        return target.runInstances(r -> launch(r, token)).instances().get(0);
    }

    private String availableImage(String name) {
        Instance instance = launched(client, "image-source-" + name);
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(instance.instanceId()));
        String image = client.createImage(r -> r.instanceId(instance.instanceId()).name(name)).imageId();
        waiter.waitUntilImageAvailable(r -> r.imageIds(image));
        return image;
    }

    @Test
    void runInstancesWithAKnownClientTokenReturnsTheFirstReservation() {
        Instance first = launched(client, "build-1");
        Instance again = launched(client, "build-1");
        assertThat(again.instanceId()).isEqualTo(first.instanceId());
        assertThat(ec2.calls("RunInstances").get(1).createdIds()).isEmpty();
        Instance otherZone = client.runInstances(r -> launch(r, "build-1").placement(p -> p.availabilityZone("us-east-1b")))
                .instances().get(0);
        assertThat(otherZone.instanceId()).as("EC2 does not compare the Availability Zone").isEqualTo(first.instanceId());

        List<Instance> byToken = client.describeInstances(r -> r.filters(f -> f.name("client-token").values("build-1")))
                .reservations().stream().flatMap(res -> res.instances().stream()).toList();
        assertThat(byToken).extracting(Instance::instanceId, Instance::clientToken)
                .containsExactly(tuple(first.instanceId(), "build-1"));
        assertThat(ec2.leaks()).extracting(Leak::type).containsExactlyInAnyOrder("instance", "volume");

        client.terminateInstances(r -> r.instanceIds(first.instanceId()));
        waiter.waitUntilInstanceTerminated(r -> r.instanceIds(first.instanceId()));
        assertThat(launched(client, "build-1").instanceId()).as("a token outlives its instance")
                .isEqualTo(first.instanceId());
        assertThat(ec2.leaks()).isEmpty();
    }

    @Test
    void aClientTokenWithOtherParametersIsAMismatchAndTooLongATokenIsRefused() {
        launched(client, "build-2");
        assertError(() -> client.runInstances(r -> launch(r, "build-2").instanceType("t3.small")),
                "IdempotentParameterMismatch", 400);

        String longest = "t".repeat(64);
        assertThat(launched(client, longest).instanceId()).isNotBlank();
        var tooLong = assertError(() -> launched(client, longest + "t"), "InvalidParameterValue", 400);
        assertThat(tooLong.awsErrorDetails().errorMessage()).contains("ClientToken", "64 ASCII characters");
    }

    @Test
    void aClientTokenBelongsToItsRegion() {
        try (Ec2Client west = Ec2Clients.client(ec2, "us-west-2")) {
            assertThat(launched(west, "build-3").instanceId()).isNotEqualTo(launched(client, "build-3").instanceId());
        }
    }

    @Test
    void copyImageWithAKnownClientTokenReturnsTheFirstCopy() {
        String source = availableImage("app");
        try (Ec2Client west = Ec2Clients.client(ec2, "us-west-2")) {
            String copy = west.copyImage(r -> r.sourceRegion("us-east-1").sourceImageId(source).name("app").clientToken("copy-1"))
                    .imageId();
            assertThat(west.copyImage(r -> r.sourceRegion("us-east-1").sourceImageId(source).name("app").clientToken("copy-1"))
                    .imageId()).isEqualTo(copy);
            assertError(() -> west.copyImage(r -> r.sourceRegion("us-east-1").sourceImageId(source).name("app2")
                    .clientToken("copy-1")), "IdempotentParameterMismatch", 400);
            assertError(() -> west.copyImage(r -> r.sourceRegion("us-east-1").sourceImageId(source).name("app")),
                    "InvalidAMIName.Duplicate", 400);

            ec2.faults().loseAnswers("CopyImage", 1);
            String retried = west.copyImage(r -> r.sourceRegion("us-east-1").sourceImageId(source).name("app-3")).imageId();
            assertThat(ec2.calls("CopyImage")).last().satisfies(c -> assertThat(c.failed()).isFalse());
            assertThat(west.describeImages(r -> r.owners("self")).images()).extracting(Image::imageId)
                    .containsExactlyInAnyOrder(copy, retried);
            Image described = west.describeImages(r -> r.imageIds(copy)).images().get(0);
            assertThat(described.sourceImageId()).isEqualTo(source);
            assertThat(described.sourceImageRegion()).isEqualTo("us-east-1");
        }
    }

    @Test
    void aCreateImageRetriedAfterALostAnswerIsADuplicateAndTheImageIsFoundByNameOrInstance() {
        Instance instance = launched(client, "build-4");
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(instance.instanceId()));
        ec2.faults().loseAnswers("CreateImage", 1);

        var duplicate = assertError(() -> client.createImage(r -> r.instanceId(instance.instanceId()).name("kiln-app")),
                "InvalidAMIName.Duplicate", 400);
        String made = ec2.calls("CreateImage").get(0).createdIds().get(0);
        assertThat(duplicate.awsErrorDetails().errorMessage()).contains(made);

        Image byName = client.describeImages(r -> r.owners("self").filters(f -> f.name("name").values("kiln-app")))
                .images().get(0);
        assertThat(byName.imageId()).isEqualTo(made);
        assertThat(byName.sourceInstanceId()).isEqualTo(instance.instanceId());
        assertThat(client.describeImages(r -> r.filters(f -> f.name("source-instance-id").values(instance.instanceId())))
                .images()).extracting(Image::imageId).containsExactly(made);
    }

    @Test
    void keyPairAndGroupNamesAreTakenOnceAndDeletingAKeyPairByIdOrAMissingNameSucceeds() {
        String key = client.importKeyPair(r -> r.keyName("kiln-key").publicKeyMaterial(
                SdkBytes.fromUtf8String(KeyMaterial.generate("rsa").publicKeyLine()))).keyPairId();
        assertError(() -> client.importKeyPair(r -> r.keyName("kiln-key").publicKeyMaterial(
                SdkBytes.fromUtf8String(KeyMaterial.generate("ed25519").publicKeyLine()))),
                "InvalidKeyPair.Duplicate", 400);
        assertThat(client.deleteKeyPair(r -> r.keyPairId(key)).keyPairId()).isEqualTo(key);
        assertThat(client.deleteKeyPair(r -> r.keyName("kiln-key")).returnValue()).isTrue();

        String vpc = client.describeVpcs().vpcs().get(0).vpcId();
        client.createSecurityGroup(r -> r.groupName("kiln-group").description("d").vpcId(vpc));
        assertError(() -> client.createSecurityGroup(r -> r.groupName("kiln-group").description("d")),
                "InvalidGroup.Duplicate", 400);
        assertThat(client.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpc),
                f -> f.name("group-name").values("kiln-group"))).securityGroups()).hasSize(1);
        assertThat(client.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values("vpc-00000000"))).securityGroups())
                .isEmpty();
        assertThat(ec2.leaks()).extracting(Leak::type).containsExactly("security-group");
    }

    @Test
    void everyDescribeFindsItsResourcesByTag() {
        Instance instance = client.runInstances(r -> launch(r, "build-5").tagSpecifications(session(ResourceType.INSTANCE),
                session(ResourceType.VOLUME))).instances().get(0);
        client.createKeyPair(r -> r.keyName("tagged").tagSpecifications(session(ResourceType.KEY_PAIR)));
        client.createSecurityGroup(r -> r.groupName("tagged").description("d").tagSpecifications(session(ResourceType.SECURITY_GROUP)));
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(instance.instanceId()));
        client.createImage(r -> r.instanceId(instance.instanceId()).name("tagged")
                .tagSpecifications(session(ResourceType.IMAGE), session(ResourceType.SNAPSHOT)));
        launched(client, "untagged");

        assertThat(client.describeInstances(r -> r.filters(bySession())).reservations()).singleElement()
                .satisfies(res -> assertThat(res.instances()).extracting(Instance::instanceId).containsExactly(instance.instanceId()));
        assertThat(client.describeVolumes(r -> r.filters(bySession())).volumes()).hasSize(1);
        assertThat(client.describeKeyPairs(r -> r.filters(bySession())).keyPairs()).hasSize(1);
        assertThat(client.describeSecurityGroups(r -> r.filters(bySession())).securityGroups()).hasSize(1);
        assertThat(client.describeImages(r -> r.owners("self").filters(bySession())).images()).hasSize(1);
        assertThat(client.describeSnapshots(r -> r.ownerIds("self").filters(bySession())).snapshots()).hasSize(1);
    }

    private static TagSpecification session(ResourceType type) {
        return TagSpecification.builder().resourceType(type).tags(Tag.builder().key("kiln:session").value("s5").build()).build();
    }

    private static Filter bySession() {
        return Filter.builder().name("tag:kiln:session").values("s5").build();
    }
}
