package dev.kiln.testkit.ec2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.Latencies;
import dev.kiln.testkit.ec2.internal.action.ImageActions;
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

/** Regions don't share a lock: a call waits only for the regions it touches, and takes two in name order. */
class RegionLockTest {
    private static final Map<String, String> ZONES =
            Map.of("Action", "DescribeAvailabilityZones", "Version", "2016-11-15");

    @TempDir
    Path dataDir;

    @Test
    void aCallInOneRegionIsAnsweredWhileAnotherRegionIsHeld() throws Exception {
        LocalCloud cloud = cloud();
        ActionDispatcher dispatcher = dispatcher(cloud);
        RegionState east = cloud.region("us-east-1");

        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<ActionDispatcher.Answer> inEast;
            synchronized (east) {
                inEast = callers.submit(() -> dispatcher.dispatch("us-east-1", ZONES));
                ActionDispatcher.Answer inWest = callers.submit(() -> dispatcher.dispatch("us-west-2", ZONES))
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

    @Test
    void aCopyWaitingForItsSourceRegionDoesNotHoldItsOwn() throws Exception {
        LocalCloud cloud = cloud();
        ActionDispatcher dispatcher = dispatcher(cloud);
        Map<String, String> copy = Map.of("Action", "CopyImage", "Version", "2016-11-15", "SourceRegion", "us-east-1",
                "SourceImageId", BaseImage.AMAZON_LINUX_2.id(), "Name", "copied-west");
        RegionState east = cloud.region("us-east-1");
        ExecutorService callers = Executors.newSingleThreadExecutor();
        try (Lifecycle lifecycle = new Lifecycle(null, Latencies.fast(), 22, new ImageStore(dataDir),
                dataDir.resolve("machines"), new FaultPlan(0))) {
            cloud.start(lifecycle, "127.0.0.1:1");
            Thread copier;
            synchronized (east) {
                copier = new Thread(() -> dispatcher.dispatch("us-west-2", copy), "copier");
                copier.start();
                awaitBlocked(copier);
                // the copy waits for us-east-1: taken first, by name, it holds nothing yet, so us-west-2 is free
                ActionDispatcher.Answer inWest = callers.submit(() -> dispatcher.dispatch("us-west-2", ZONES))
                        .get(30, TimeUnit.SECONDS);
                assertThat(inWest.status()).isEqualTo(200);
            }
            copier.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(copier.isAlive()).isFalse();
            assertThat(cloud.calls()).filteredOn(c -> c.action().equals("CopyImage")).singleElement()
                    .satisfies(c -> assertThat(c.failed()).isFalse());
        } finally {
            callers.shutdownNow();
        }
    }

    /** Waits until {@code thread} waits to enter a monitor (a readiness check on its state, not a sleep). */
    private static void awaitBlocked(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.getState() != Thread.State.BLOCKED) {
            assertThat(System.nanoTime()).as("%s never blocked", thread.getName()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private LocalCloud cloud() {
        return new LocalCloud("123456789012", List.of("us-east-1", "us-west-2"), List.of(BaseImage.AMAZON_LINUX_2),
                new FaultPlan(0), new ImageStore(dataDir));
    }

    private static ActionDispatcher dispatcher(LocalCloud cloud) {
        ActionDispatcher dispatcher = new ActionDispatcher(cloud);
        NetworkActions.register(dispatcher);
        ImageActions.register(dispatcher);
        return dispatcher;
    }
}
