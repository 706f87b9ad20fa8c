package dev.kiln.testkit.ec2;

import static dev.kiln.testkit.ec2.Ec2Errors.assertError;
import static dev.kiln.testkit.ec2.Ec2Errors.error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** EC2's error codes and HTTP statuses, as the real SDK client sees them. */
class LocalEc2ErrorsTest {
    static LocalEc2 ec2;
    static Ec2Client client;
    static Ec2Waiter waiter;

    @BeforeAll
    static void start() {
        ec2 = LocalEc2.builder().machineHost(new FakeMachineHost()).start();
        client = Ec2Clients.client(ec2, "us-west-2");
        waiter = Ec2Clients.waiter(client);
    }

    @AfterAll
    static void stop() {
        client.close();
        ec2.close();
    }

    @Test
    void unknownIdsAreNotFound() {
        assertError(() -> client.describeImages(r -> r.imageIds("ami-00000000000000000")), "InvalidAMIID.NotFound", 400);
        assertError(() -> client.describeInstances(r -> r.instanceIds("i-00000000000000000")), "InvalidInstanceID.NotFound", 400);
        assertError(() -> client.describeSecurityGroups(r -> r.groupIds("sg-00000000000000000")), "InvalidGroup.NotFound", 400);
        assertError(() -> client.describeKeyPairs(r -> r.keyNames("nope")), "InvalidKeyPair.NotFound", 400);
        assertError(() -> client.runInstances(r -> r.imageId("ami-0e6d2e8684d4ccb3e").minCount(1).maxCount(1).keyName("nope")),
                "InvalidKeyPair.NotFound", 400);
    }

    @Test
    void duplicatesAreRefused() {
        client.createKeyPair(r -> r.keyName("dup"));
        assertError(() -> client.createKeyPair(r -> r.keyName("dup")), "InvalidKeyPair.Duplicate", 400);
        client.deleteKeyPair(r -> r.keyName("dup"));
        client.deleteKeyPair(r -> r.keyName("dup")); // deleting a missing key pair succeeds, as on EC2
    }

    @Test
    void aGroupInUseCannotBeDeletedAndAnImageNameIsTakenOnce() {
        String group = client.createSecurityGroup(r -> r.groupName("in-use").description("d")).groupId();
        String id = client.runInstances(r -> r.imageId("ami-aa2ea6d0").minCount(1).maxCount(1).securityGroupIds(group))
                .instances().get(0).instanceId();
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        assertError(() -> client.deleteSecurityGroup(r -> r.groupId(group)), "DependencyViolation", 400);
        assertThat(client.startInstances(r -> r.instanceIds(id)).startingInstances().get(0).currentState().nameAsString())
                .as("starting a running instance changes nothing, as on EC2").isEqualTo("running");

        String image = client.createImage(r -> r.instanceId(id).name("taken")).imageId();
        assertError(() -> client.createImage(r -> r.instanceId(id).name("taken")), "InvalidAMIName.Duplicate", 400);
        waiter.waitUntilImageAvailable(r -> r.imageIds(image));
        assertError(() -> client.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(t -> t.value("m5.large"))),
                "IncorrectInstanceState", 400);

        client.terminateInstances(r -> r.instanceIds(id));
        waiter.waitUntilInstanceTerminated(r -> r.instanceIds(id));
        assertError(() -> client.stopInstances(r -> r.instanceIds(id)), "IncorrectInstanceState", 400);
        assertError(() -> client.startInstances(r -> r.instanceIds(id)), "IncorrectInstanceState", 400);
        client.deleteSecurityGroup(r -> r.groupId(group));
    }

    @Test
    void badParametersAreNamed() {
        Ec2Exception filter = error(() -> client.describeImages(r -> r.filters(f -> f.name("colour").values("red"))));
        assertThat(filter.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(filter.awsErrorDetails().errorMessage()).contains("colour");
        Ec2Exception tag = error(() -> client.createKeyPair(r -> r.keyName("k").tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.INSTANCE).tags(Tag.builder().key("a").value("b").build()).build())));
        assertThat(tag.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        Ec2Exception missing = error(() -> client.createSecurityGroup(r -> r.groupName("no-description")));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("MissingParameter");
        assertThat(missing.awsErrorDetails().errorMessage()).contains("GroupDescription");
    }

    @Test
    void unknownActionsAreUnsupportedOperations() {
        assertError(() -> client.describeAddresses(), "UnsupportedOperation", 400);
        assertThat(ec2.calls("DescribeAddresses")).extracting(Ec2Call::errorCode).containsOnly("UnsupportedOperation");
    }

    @Test
    void throttlingIsRequestLimitExceededWithStatus503() {
        ec2.faults().throttle("DescribeRegions", 1);
        try (Ec2Client noRetries = Ec2Clients.withoutRetries(ec2, "us-west-2")) {
            assertError(noRetries::describeRegions, "RequestLimitExceeded", 503);
            assertThat(noRetries.describeRegions().regions()).hasSizeGreaterThanOrEqualTo(7);
        }
    }

}
