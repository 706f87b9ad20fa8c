package dev.kiln.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.Ec2Clients;
import dev.kiln.testkit.ec2.LocalEc2;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/** {@link LocalEc2Test}'s settings reach the LocalEc2 a test gets; a method's annotation replaces the class's. */
@LocalEc2Test(machines = false, dataDir = "target/local-ec2-extension-settings", seed = 42,
        latencies = LocalEc2Test.Latency.REALISTIC, baseImages = LocalEc2ExtensionSettingsTest.Debian.class)
class LocalEc2ExtensionSettingsTest {
    private static final int CALLS = 24;

    /** A base image as a test project would supply one. */
    static final class Debian implements Supplier<BaseImage> {
        @Override
        public BaseImage get() {
            return BaseImage.builder().id("ami-0d0d0d0d0d0d0d0d0").name("debian-12-amd64-20240102-1614")
                    .ownerId("136693071363").defaultUser("admin").build();
        }
    }

    @Test
    void keepsImagesInTheDataDirectoryAndOffersTheBaseImages(LocalEc2 ec2) {
        try (Ec2Client client = Ec2Clients.client(ec2, "us-east-1")) {
            List<String> images = client.describeImages(r -> r.owners("136693071363")).images().stream()
                    .map(i -> i.name()).toList();

            assertThat(ec2.dataDir()).isEqualTo(Path.of("target/local-ec2-extension-settings"));
            assertThat(images).containsExactly("debian-12-amd64-20240102-1614");
        }
    }

    @Test
    void launchesWithTheRealisticLatencies(LocalEc2 ec2) {
        try (Ec2Client client = Ec2Clients.client(ec2, "us-east-1")) {
            String id = client.runInstances(r -> r.imageId("ami-0d0d0d0d0d0d0d0d0").minCount(1).maxCount(1))
                    .instances().get(0).instanceId();

            InstanceStateName state = client.describeInstances(r -> r.instanceIds(id)).reservations().get(0)
                    .instances().get(0).state().name();

            assertThat(state).as("realistic launches take 15 s").isEqualTo(InstanceStateName.PENDING);
        }
    }

    @Test
    void throttlesInTheSeededSequence(LocalEc2 ec2) {
        try (LocalEc2 sameSeed = LocalEc2.builder().randomSeed(42).start();
             LocalEc2 otherSeed = LocalEc2.builder().randomSeed(43).start()) {
            List<Boolean> throttled = throttledCalls(ec2);

            assertThat(throttled).isEqualTo(throttledCalls(sameSeed)).isNotEqualTo(throttledCalls(otherSeed));
        }
    }

    @Test
    @LocalEc2Test(machines = false, latencies = LocalEc2Test.Latency.FAST)
    void aMethodsSettingsReplaceTheClasss(LocalEc2 ec2) {
        try (Ec2Client client = Ec2Clients.client(ec2, "us-east-1")) {
            String id = client.runInstances(r -> r.imageId("ami-0e6d2e8684d4ccb3e").minCount(1).maxCount(1))
                    .instances().get(0).instanceId();

            assertThat(ec2.dataDir()).isNotEqualTo(Path.of("target/local-ec2-extension-settings"));
            assertThat(client.describeImages(r -> r.owners("136693071363")).images()).isEmpty();
            assertThat(client.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                    .state().name()).isEqualTo(InstanceStateName.RUNNING);
        }
    }

    /** Which of {@value #CALLS} calls a LocalEc2 throttling half of all requests answers RequestLimitExceeded. */
    private static List<Boolean> throttledCalls(LocalEc2 ec2) {
        ec2.faults().throttle(0.5);
        try (Ec2Client client = Ec2Clients.withoutRetries(ec2, "us-east-1")) {
            return IntStream.range(0, CALLS).mapToObj(i -> {
                try {
                    client.describeRegions();
                    return false;
                } catch (Ec2Exception e) {
                    return "RequestLimitExceeded".equals(e.awsErrorDetails().errorCode());
                }
            }).toList();
        }
    }
}
