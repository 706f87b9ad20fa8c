package dev.kiln.testkit.ec2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.internal.action.NetworkActions;
import dev.kiln.testkit.ec2.internal.state.RegionState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regions don't share a lock: a call waits only for the regions it touches. */
class RegionLockTest {
    @TempDir
    Path dataDir;

    @Test
    void aCallInOneRegionIsAnsweredWhileAnotherRegionIsHeld() throws Exception {
        LocalCloud cloud = new LocalCloud("123456789012", List.of("us-east-1", "us-west-2"),
                List.of(BaseImage.AMAZON_LINUX_2), new FaultPlan(0), new ImageStore(dataDir));
        ActionDispatcher dispatcher = new ActionDispatcher(cloud);
        NetworkActions.register(dispatcher);
        Map<String, String> zones = Map.of("Action", "DescribeAvailabilityZones", "Version", "2016-11-15");
        RegionState east = cloud.region("us-east-1");

        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<ActionDispatcher.Answer> inEast;
            synchronized (east) {
                inEast = callers.submit(() -> dispatcher.dispatch("us-east-1", zones));
                ActionDispatcher.Answer inWest = callers.submit(() -> dispatcher.dispatch("us-west-2", zones))
                        .get(30, TimeUnit.SECONDS);
                assertThat(inWest.status()).isEqualTo(200);
                assertThat(inWest.body()).contains("us-west-2a");
                assertThat(inEast.isDone()).as("a call in the held region waits for it").isFalse();
            }
            assertThat(inEast.get(30, TimeUnit.SECONDS).body()).contains("us-east-1a");
        } finally {
            callers.shutdownNow();
        }
    }
}
