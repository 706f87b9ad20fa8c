package dev.kiln.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AmiArtifact;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.pipeline.ImageOutcome;
import dev.kiln.core.pipeline.ImageResult;
import dev.kiln.core.run.SourceResult;
import dev.kiln.docker.Docker;
import dev.kiln.docker.DockerImage;
import dev.kiln.testkit.ec2.Ec2Call;
import dev.kiln.testkit.ec2.LocalEc2;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end, as {@code ./demo} runs it: LocalEc2 with real local machines in a data directory and
 * the real Docker daemon, the base -> snowflake chain baking an AMI and a container image of each, the image
 * tests, the summary; then a second LocalEc2 on the same directory, which finds the first run's AMIs, while the
 * daemon finds its container images.
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
        return ((AmiArtifact) artifact(report, image, AmazonEbs.TYPE)).amis().get("us-east-1");
    }

    private static String containerImage(ChainRun.Report report, String image) {
        return ((DockerImage) artifact(report, image, Docker.TYPE)).tags().get(0);
    }

    private static Artifact artifact(ChainRun.Report report, String image, String source) {
        return report.pipeline().image(image).orElseThrow().build().orElseThrow().artifact(source).orElseThrow();
    }

    @Test
    void theFirstRunBuildsAndTestsTheChainAndTheSecondReusesItWithoutLaunchingABuild(@TempDir Path dir)
            throws Exception {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        ChainRun.Report first;
        try (TestDocker docker = TestDocker.start()) {
            try (LocalDemo.Cloud cloud = LocalDemo.start(dir)) {
                LocalEc2 ec2 = cloud.ec2();
                first = LocalDemo.run(ec2, Optional.of(docker.target()), dir, out);
                docker.removeAfterwards(first.pipeline());

                assertThat(outcomes(first)).as(output()).containsExactly(ImageOutcome.BUILT, ImageOutcome.BUILT);
                assertThat(List.of(first.imageTest(), first.containerTest())).as(output()).allSatisfy(test ->
                        assertThat(test).hasValueSatisfying(t -> {
                            assertThat(t.passed()).isTrue();
                            assertThat(t.checks()).isEqualTo(BaseAndSnowflake.checks().size());
                        }));
                assertThat(ec2.leaks()).isEmpty();
                assertThat(ec2.calls("RunInstances")).hasSize(3);
            }
            assertThat(first.manifests()).containsExactly(dir.resolve("manifest-base.json"),
                    dir.resolve("manifest-snowflake.json"));
            assertThat(containerImage(first, "snowflake")).startsWith("kiln/snowflake:");
            assertThat(output())
                    .containsPattern("base +amazon-ebs +" + ami(first, "base") + " +built +\\d+\\.\\d s")
                    .containsPattern("base +docker +" + containerImage(first, "base") + " +built +\\d+\\.\\d s")
                    .containsPattern("snowflake +amazon-ebs +" + ami(first, "snowflake") + " +built +\\d+\\.\\d s")
                    .containsPattern("snowflake +docker +" + containerImage(first, "snowflake") + " +built")
                    .contains("image test: passed, 6 of 6 checks", "container test: passed, 6 of 6 checks",
                            "manifest: " + dir.resolve("manifest-base.json"),
                            "LocalEc2: nothing left behind but the AMIs", "Demo succeeded.");
            assertThat(HostCommand.ok("docker", "ps", "--all", "--quiet", "--filter", "id="
                    + first.containerTest().orElseThrow().machine())).as("the test container is removed").isEmpty();

            console.reset();
            try (LocalDemo.Cloud cloud = LocalDemo.start(dir)) {
                LocalEc2 ec2 = cloud.ec2();
                ChainRun.Report second = LocalDemo.run(ec2, Optional.of(docker.target()), dir, out);

                assertThat(outcomes(second)).as(output()).containsExactly(ImageOutcome.REUSED, ImageOutcome.REUSED);
                for (String image : List.of("base", "snowflake")) {
                    assertThat(ami(second, image)).isEqualTo(ami(first, image));
                    assertThat(artifact(second, image, Docker.TYPE).id()).isEqualTo(artifact(first, image, Docker.TYPE).id());
                }
                assertThat(second.imageTest()).hasValueSatisfying(t -> assertThat(t.passed()).isTrue());
                assertThat(second.containerTest()).hasValueSatisfying(t -> assertThat(t.passed()).isTrue());
                List<Ec2Call> launches = ec2.calls("RunInstances");
                assertThat(launches).as("only the image test launches an instance").hasSize(1);
                assertThat(launches.get(0).param("ImageId")).isEqualTo(ami(first, "snowflake"));
                assertThat(ec2.leaks()).isEmpty();
            }
            assertThat(output()).containsPattern("base +amazon-ebs +" + ami(first, "base") + " +reused")
                    .containsPattern("base +docker +" + containerImage(first, "base") + " +reused")
                    .containsPattern("snowflake +amazon-ebs +" + ami(first, "snowflake") + " +reused")
                    .containsPattern("snowflake +docker +" + containerImage(first, "snowflake") + " +reused")
                    .contains("both images were reused, AMIs and container images");
        }
        assertNoNewThreadsOutlive(threadsBefore);
    }

    @Test
    void withoutDockerTheDemoBuildsTheAmisAndAFailingImageTestStillRemovesItsInstance(@TempDir Path dir) throws Exception {
        try (LocalDemo.Cloud cloud = LocalDemo.start(dir)) {
            ChainRun.Report report = LocalDemo.run(cloud.ec2(), Optional.empty(), dir, out);

            assertThat(report.succeeded()).as(output()).isTrue();
            assertThat(report.containerTest()).isEmpty();
            assertThat(report.pipeline().images()).allSatisfy(image ->
                    assertThat(image.build().orElseThrow().sources()).extracting(SourceResult::name)
                            .containsExactly(AmazonEbs.TYPE));

            ImageTest.Result result = new ImageTest(Target.localEc2(cloud.ec2()), out).run(ami(report, "snowflake"),
                    BaseAndSnowflake.USER, List.of(
                            new ImageTest.Check("the site is there", "test -s /srv/www/index.html"),
                            new ImageTest.Check("a file nobody baked is there", "test -f /opt/app/missing.conf")));

            assertThat(result.passed()).isFalse();
            assertThat(result.checks()).isEqualTo(2);
            assertThat(result.failures()).containsExactly(
                    "a file nobody baked is there: `test -f /opt/app/missing.conf` exited with 1");
            assertThat(output()).contains("ok      the site is there", "FAILED  a file nobody baked is there",
                    "Image test FAILED: 1 of 2 checks failed");
            assertThat(cloud.ec2().leaks()).isEmpty();
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
