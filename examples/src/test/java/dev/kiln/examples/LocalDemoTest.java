package dev.kiln.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.aws.AmiArtifact;
import dev.kiln.core.pipeline.ImageOutcome;
import dev.kiln.core.pipeline.ImageResult;
import dev.kiln.testkit.ec2.Ec2Call;
import dev.kiln.testkit.ec2.LocalEc2;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end, as {@code ./demo} runs it: LocalEc2 with real local machines in a data directory,
 * the base -> snowflake chain, the image test, the summary; then a second LocalEc2 on the same directory,
 * which finds the first run's AMIs.
 */
class LocalDemoTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

    private String output() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static List<ImageOutcome> outcomes(ChainRun.Report report) {
        return report.pipeline().images().stream().map(ImageResult::outcome).toList();
    }

    private static String ami(ChainRun.Report report, String image) {
        return ((AmiArtifact) report.pipeline().artifact(image).orElseThrow()).amis().get("us-east-1");
    }

    @Test
    void theFirstRunBuildsAndTestsTheChainAndTheSecondReusesItWithoutLaunchingABuild(@TempDir Path dir)
            throws Exception {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        ChainRun.Report first;
        try (LocalDemo.Cloud cloud = LocalDemo.start(dir)) {
            LocalEc2 ec2 = cloud.ec2();
            first = LocalDemo.run(ec2, dir, out);

            assertThat(outcomes(first)).as(output()).containsExactly(ImageOutcome.BUILT, ImageOutcome.BUILT);
            assertThat(first.imageTest()).as(output()).hasValueSatisfying(t -> {
                assertThat(t.passed()).isTrue();
                assertThat(t.checks()).isEqualTo(BaseAndSnowflake.checks().size());
            });
            assertThat(ec2.leaks()).isEmpty();
            assertThat(ec2.calls("RunInstances")).hasSize(3);
        }
        assertThat(first.manifests()).containsExactly(dir.resolve("manifest-base.json"),
                dir.resolve("manifest-snowflake.json"));
        assertThat(output()).containsPattern("base +" + ami(first, "base") + " +built +\\d+\\.\\d s")
                .containsPattern("snowflake +" + ami(first, "snowflake") + " +built +\\d+\\.\\d s")
                .contains("image test: passed, 6 of 6 checks", "manifest: " + dir.resolve("manifest-base.json"),
                        "LocalEc2: nothing left behind but the AMIs", "Demo succeeded.");

        console.reset();
        try (LocalDemo.Cloud cloud = LocalDemo.start(dir)) {
            LocalEc2 ec2 = cloud.ec2();
            ChainRun.Report second = LocalDemo.run(ec2, dir, out);

            assertThat(outcomes(second)).as(output()).containsExactly(ImageOutcome.REUSED, ImageOutcome.REUSED);
            assertThat(ami(second, "base")).isEqualTo(ami(first, "base"));
            assertThat(ami(second, "snowflake")).isEqualTo(ami(first, "snowflake"));
            assertThat(second.imageTest()).hasValueSatisfying(t -> assertThat(t.passed()).isTrue());
            List<Ec2Call> launches = ec2.calls("RunInstances");
            assertThat(launches).as("only the image test launches an instance").hasSize(1);
            assertThat(launches.get(0).param("ImageId")).isEqualTo(ami(first, "snowflake"));
            assertThat(ec2.leaks()).isEmpty();
        }
        assertThat(output()).containsPattern("base +" + ami(first, "base") + " +reused")
                .containsPattern("snowflake +" + ami(first, "snowflake") + " +reused")
                .contains("both images were reused");
        assertNoNewThreadsOutlive(threadsBefore);
    }

    @Test
    void theImageTestFailsWhenAFileIsMissingAndStillRemovesItsInstance(@TempDir Path dir) throws Exception {
        try (LocalDemo.Cloud cloud = LocalDemo.start(dir)) {
            LocalEc2 ec2 = cloud.ec2();
            ChainRun.Report built = LocalDemo.run(ec2, dir, out);
            assertThat(built.succeeded()).as(output()).isTrue();

            ImageTest.Result result = new ImageTest(Target.localEc2(ec2), out).run(ami(built, "snowflake"),
                    BaseAndSnowflake.USER, List.of(
                            new ImageTest.Check("the site is there", "test -s /srv/www/index.html"),
                            new ImageTest.Check("a file nobody baked is there", "test -f /opt/app/missing.conf")));

            assertThat(result.passed()).isFalse();
            assertThat(result.checks()).isEqualTo(2);
            assertThat(result.failures()).containsExactly(
                    "a file nobody baked is there: `test -f /opt/app/missing.conf` exited with 1");
            assertThat(output()).contains("ok      the site is there", "FAILED  a file nobody baked is there",
                    "Image test FAILED: 1 of 2 checks failed");
            assertThat(ec2.leaks()).isEmpty();
        }
    }

    /** Threads the demo started (SDK, SSH, machines, progress timer) end once it returns, daemon or not. */
    private static void assertNoNewThreadsOutlive(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Set<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                    .map(Thread::getName).collect(Collectors.toSet());
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertThat(alive).as("non-daemon threads left running after the demo").isEmpty();
    }
}
