package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.kiln.testkit.ssh.Deadline;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** Faults on demand, seen through the real SDK client and its waiters. */
class LocalEc2FaultsTest extends FreshLocalEc2 {

    private String run() {
        return client.runInstances(r -> r.imageId("ami-0e6d2e8684d4ccb3e").minCount(1).maxCount(1)).instances().get(0).instanceId();
    }

    @Test
    void newIdsAreNotFoundForTheirFirstDescribes() {
        ec2.faults().eventualConsistency(2);
        String id = run();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.describeInstances(r -> r.instanceIds(id)))
                    .isInstanceOf(Ec2Exception.class)
                    .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
        }
        assertThat(client.describeInstances(r -> r.instanceIds(id)).reservations()).hasSize(1);

        String other = run();
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(other)); // the SDK's waiter retries NotFound
        assertThat(ec2.calls("DescribeInstances").stream().filter(Ec2Call::failed).count()).isEqualTo(4);
    }

    @Test
    void anImageCanEndFailed() {
        ec2.faults().imagesFail(1);
        String id = run();
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        String image = client.createImage(r -> r.instanceId(id).name("doomed")).imageId();
        assertThatThrownBy(() -> waiter.waitUntilImageAvailable(r -> r.imageIds(image)))
                .isInstanceOf(SdkClientException.class);
        var failed = client.describeImages(r -> r.imageIds(image)).images().get(0);
        assertThat(failed.stateAsString()).isEqualTo("failed");
        assertThat(failed.stateReason().code()).isEqualTo("Server.InternalError");
        assertThat(ec2.leaks()).extracting(Leak::type, Leak::id).contains(org.assertj.core.groups.Tuple.tuple("image", image));
    }

    @Test
    void anInstanceCanFailToBootOrNeverBeReachable() {
        ec2.faults().instancesFailToBoot(1);
        String broken = run();
        assertThatThrownBy(() -> waiter.waitUntilInstanceRunning(r -> r.instanceIds(broken))).isInstanceOf(SdkClientException.class);
        waiter.waitUntilInstanceTerminated(r -> r.instanceIds(broken));
        Instance terminated = client.describeInstances(r -> r.instanceIds(broken)).reservations().get(0).instances().get(0);
        assertThat(terminated.stateReason().code()).isEqualTo("Server.InternalError");
        assertThat(host.requests).doesNotContainKey(broken);

        ec2.faults().instancesUnreachable(1);
        String silent = run();
        String fine = run();
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(silent, fine));
        assertThat(host.requests.get(silent).reachable()).isFalse();
        assertThat(host.requests.get(fine).reachable()).isTrue();
        assertThat(client.describeInstanceStatus(r -> r.instanceIds(silent, fine)).instanceStatuses())
                .extracting(s -> s.instanceId() + " " + s.instanceStatus().statusAsString())
                .containsExactlyInAnyOrder(silent + " impaired", fine + " ok");
        String console = new String(java.util.Base64.getDecoder().decode(
                client.getConsoleOutput(r -> r.instanceId(broken)).output()), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(console).contains("failed to boot");
    }

    @Test
    void throttlingByRateIsRepeatableForASeed() {
        ec2.faults().throttle(0.5);
        List<Boolean> first = throttledPattern(ec2);
        assertThat(first).contains(true, false);
        try (LocalEc2 twin = LocalEc2.builder().randomSeed(7).start()) {
            twin.faults().throttle(0.5);
            assertThat(throttledPattern(twin)).isEqualTo(first);
        }
        ec2.faults().clear();
        assertThat(throttledPattern(ec2)).containsOnly(false);
    }

    private static List<Boolean> throttledPattern(LocalEc2 target) {
        List<Boolean> pattern = new ArrayList<>();
        try (Ec2Client once = Ec2Clients.withoutRetries(target, "us-east-1")) {
            for (int i = 0; i < 16; i++) {
                try {
                    once.describeAvailabilityZones();
                    pattern.add(false);
                } catch (Ec2Exception e) {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                    pattern.add(true);
                }
            }
        }
        return pattern;
    }

    @Test
    void anActionCanBeDelayedAndNamedActionsThrottled() {
        ec2.faults().delay("DescribeRegions", Duration.ofMillis(300)).throttle("DescribeVpcs", 2);
        long start = System.nanoTime();
        assertThat(client.describeRegions().regions()).isNotEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        assertThat(client.describeVpcs().vpcs()).hasSize(1); // the SDK retries the throttled attempts
        assertThat(ec2.calls("DescribeVpcs")).extracting(Ec2Call::errorCode)
                .containsExactly("RequestLimitExceeded", "RequestLimitExceeded", null);
    }

    @Test
    void aDelayedCallCountsAsHeldUntilItIsCarriedOut() throws Exception {
        ec2.faults().delay("DescribeRegions", Duration.ofSeconds(2));
        CompletableFuture<Integer> regions = CompletableFuture.supplyAsync(() -> client.describeRegions().regions().size());

        Deadline.await(Duration.ofSeconds(10), "LocalEc2 holds the call", () -> ec2.faults().held("DescribeRegions") == 1);
        assertThat(ec2.calls("DescribeRegions")).as("not carried out while held").isEmpty();
        assertThat(regions.get(10, TimeUnit.SECONDS)).isPositive();
        assertThat(ec2.faults().held("DescribeRegions")).isZero();
        assertThat(ec2.calls("DescribeRegions")).hasSize(1);
    }

    @Test
    void copyImageCopiesTheFilesToAnotherRegionOrFails() throws Exception {
        String id = run();
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        java.nio.file.Files.writeString(host.machines.get(id).root().resolve("etc/app.conf"), "v1");
        String image = client.createImage(r -> r.instanceId(id).name("app")).imageId();
        waiter.waitUntilImageAvailable(r -> r.imageIds(image));

        try (Ec2Client west = Ec2Clients.client(ec2, "us-west-2")) {
            Ec2Waiter westWaiter = Ec2Clients.waiter(west);
            String copy = west.copyImage(r -> r.sourceRegion("us-east-1").sourceImageId(image).name("app")).imageId();
            westWaiter.waitUntilImageAvailable(r -> r.imageIds(copy));
            String copied = west.runInstances(r -> r.imageId(copy).minCount(1).maxCount(1)).instances().get(0).instanceId();
            westWaiter.waitUntilInstanceRunning(r -> r.instanceIds(copied));
            assertThat(host.machines.get(copied).root().resolve("etc/app.conf")).hasContent("v1");

            ec2.faults().copiesFail(1);
            String failedCopy = west.copyImage(r -> r.sourceRegion("us-east-1").sourceImageId(image).name("app2")).imageId();
            assertThatThrownBy(() -> westWaiter.waitUntilImageAvailable(r -> r.imageIds(failedCopy)))
                    .isInstanceOf(SdkClientException.class);
        }
    }

    @Test
    void leaksNameEachKindOfResourceLeftBehind() {
        client.createKeyPair(r -> r.keyName("left"));
        String group = client.createSecurityGroup(r -> r.groupName("left").description("d")).groupId();
        String id = run();
        assertThat(ec2.leaks()).extracting(Leak::type).containsExactlyInAnyOrder("instance", "key-pair", "security-group", "volume");
        assertThat(ec2.leaks()).extracting(Leak::toString).anyMatch(s -> s.startsWith("us-east-1 security-group " + group + " (left)"));
        client.terminateInstances(r -> r.instanceIds(id));
        waiter.waitUntilInstanceTerminated(r -> r.instanceIds(id));
        assertThat(ec2.leaks()).extracting(Leak::type).containsExactlyInAnyOrder("key-pair", "security-group");
        Duration used = ec2.instanceTime();
        assertThat(used).isPositive();
        assertThat(ec2.instanceTime()).as("a terminated instance costs no more time").isEqualTo(used);
    }
}
