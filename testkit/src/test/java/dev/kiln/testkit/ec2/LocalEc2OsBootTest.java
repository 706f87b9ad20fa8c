package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** Each boot of an instance's OS takes its own time, drawn from LocalEc2's seed, and the machine is told it. */
class LocalEc2OsBootTest {
    private static final Latencies BOOTING = Latencies.fast().toBuilder()
            .osBoot(Duration.ofSeconds(8), Duration.ofSeconds(20)).build();

    @Test
    void theSameSeedGivesTheSameBootTimesInLaunchOrder() {
        List<Duration> first = bootTimes(42, BOOTING, 3);
        List<Duration> again = bootTimes(42, BOOTING, 3);
        List<Duration> otherSeed = bootTimes(43, BOOTING, 3);

        assertThat(first).isEqualTo(again).isNotEqualTo(otherSeed).doesNotHaveDuplicates()
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(20)));
    }

    @Test
    void theFastProfileBootsAtOnce() {
        assertThat(bootTimes(42, Latencies.fast(), 2)).containsOnly(Duration.ZERO);
    }

    @Test
    void aStartBootsTheOsAgainWithTheNextTimeOfTheSequence() {
        List<Duration> twoLaunches = bootTimes(5, BOOTING, 2);
        FakeMachineHost host = new FakeMachineHost();
        try (LocalEc2 ec2 = LocalEc2.builder().machineHost(host).latencies(BOOTING).randomSeed(5).start();
                Ec2Client client = Ec2Clients.client(ec2, "us-east-1")) {
            Ec2Waiter waiter = Ec2Clients.waiter(client);
            String id = launch(client, waiter);
            client.stopInstances(r -> r.instanceIds(id));
            waiter.waitUntilInstanceStopped(r -> r.instanceIds(id));
            client.startInstances(r -> r.instanceIds(id));
            waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));

            assertThat(ec2.osBootTime(id)).isEqualTo(twoLaunches.get(1));
            assertThat(host.requests.get(id).osBootTime().get()).as("what the machine is told at its start")
                    .isEqualTo(twoLaunches.get(1));
        }
    }

    @Test
    void anUnknownInstanceIsNamed() {
        try (LocalEc2 ec2 = LocalEc2.builder().machineHost(new FakeMachineHost()).start()) {
            assertThatThrownBy(() -> ec2.osBootTime("i-0123456789abcdef0"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("instanceId i-0123456789abcdef0 is not an instance of this LocalEc2");
        }
    }

    /** Launches {@code count} instances one after another and returns each one's OS boot time. */
    private static List<Duration> bootTimes(long seed, Latencies latencies, int count) {
        FakeMachineHost host = new FakeMachineHost();
        List<Duration> times = new ArrayList<>();
        try (LocalEc2 ec2 = LocalEc2.builder().machineHost(host).latencies(latencies).randomSeed(seed).start();
                Ec2Client client = Ec2Clients.client(ec2, "us-east-1")) {
            Ec2Waiter waiter = Ec2Clients.waiter(client);
            for (int i = 0; i < count; i++) {
                String id = launch(client, waiter);
                assertThat(host.requests.get(id).osBootTime().get()).as("what the machine is told")
                        .isEqualTo(ec2.osBootTime(id));
                times.add(ec2.osBootTime(id));
            }
        }
        return times;
    }

    private static String launch(Ec2Client client, Ec2Waiter waiter) {
        String id = client.runInstances(r -> r.imageId(BaseImage.AMAZON_LINUX_2.id()).instanceType("t2.micro")
                .minCount(1).maxCount(1)).instances().get(0).instanceId();
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        return id;
    }
}
