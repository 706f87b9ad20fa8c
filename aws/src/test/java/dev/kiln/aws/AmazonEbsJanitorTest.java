package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.builder.JanitorReport;
import dev.kiln.core.builder.JanitorReport.Action;
import dev.kiln.testkit.ec2.Latencies;
import dev.kiln.testkit.ec2.Leak;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Builds killed with SIGKILL in a child JVM leave tagged resources; the janitor finds and removes them. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AmazonEbsJanitorTest {
    private static LocalEc2Fixture local;
    private final StringBuilder childOutput = new StringBuilder();

    @BeforeAll
    static void start() throws Exception {
        local = new LocalEc2Fixture(Latencies.fast().toBuilder().imageCreate(Duration.ofMinutes(2)).build());
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @AfterEach
    void printChild() {
        System.out.print(childOutput);
    }

    /** Starts a build in a child JVM and kills it with SIGKILL once its output has a line containing {@code marker}. */
    private void buildAndKill(String command, String marker) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledBuildMain.class.getName(), local.ec2.endpoint().toString(), local.ec2.accessKeyId(),
                local.ec2.secretAccessKey(), String.valueOf(local.ec2.sshPort()), command)
                .redirectErrorStream(true).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("read failed: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline && (child.isAlive() || !lines.isEmpty())) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                childOutput.append(line).append('\n');
                seen = line.contains(marker);
            }
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("the child build printed '%s' before it was killed:\n%s", marker, childOutput).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    private AmazonEbsJanitor.Builder janitor() {
        return AmazonEbsJanitor.builder().regions("us-east-1", "us-west-2").endpointOverride(local.ec2.endpoint())
                .credentials(AwsCredentialsSource.staticKeys(dev.kiln.core.Secret.of(local.ec2.accessKeyId()),
                        dev.kiln.core.Secret.of(local.ec2.secretAccessKey())))
                .terminateWait(WaitTime.of(Duration.ofMillis(100), Duration.ofMinutes(1)));
    }

    @Test
    void removesWhatABuildKilledWhileProvisioningLeftBehind() throws Exception {
        buildAndKill("echo provisioning-started; sleep 600", "provisioning-started");
        List<Leak> leaks = local.ec2.leaks();
        assertThat(leaks).extracting(Leak::type).contains("instance", "key-pair", "security-group");

        JanitorReport tooYoung = janitor().olderThan(Duration.ofHours(1)).build().run();
        assertThat(tooYoung.items()).isEmpty();

        JanitorReport dryRun = janitor().olderThan(Duration.ZERO).dryRun(true).build().run();
        assertThat(dryRun.items()).extracting(JanitorReport.Item::action).containsOnly(Action.WOULD_DELETE);
        assertThat(dryRun.resources()).extracting(r -> r.type())
                .containsExactlyInAnyOrderElementsOf(leaks.stream().map(Leak::type).toList());
        assertThat(local.ec2.leaks()).hasSameSizeAs(leaks);

        JanitorReport cleaned = janitor().olderThan(Duration.ZERO).build().run();

        System.out.println(cleaned);
        assertThat(cleaned.failures()).isEmpty();
        assertThat(cleaned.items()).extracting(JanitorReport.Item::action).containsOnly(Action.DELETED);
        assertThat(local.ec2.leaks()).isEmpty();
    }

    @Test
    void removesAPendingAmiAndItsSnapshotsWhenTheBuildWasKilledWhileWaitingForIt() throws Exception {
        buildAndKill("true", "Waiting for AMI to become ready...");
        assertThat(local.ec2.leaks()).extracting(Leak::type).contains("image", "instance");

        JanitorReport cleaned = janitor().olderThan(Duration.ZERO).build().run();

        System.out.println(cleaned);
        assertThat(cleaned.resources()).extracting(r -> r.type()).contains("image", "instance");
        assertThat(cleaned.failures()).isEmpty();
        assertThat(local.ec2.leaks()).isEmpty();
    }
}
