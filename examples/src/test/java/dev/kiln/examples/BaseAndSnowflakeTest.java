package dev.kiln.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AmiArtifact;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.pipeline.ImageOutcome;
import dev.kiln.core.pipeline.ImageResult;
import dev.kiln.core.pipeline.PipelineResult;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import dev.kiln.docker.Docker;
import dev.kiln.docker.DockerImage;
import dev.kiln.testkit.ec2.Ec2Call;
import dev.kiln.testkit.ec2.LocalEc2;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The second seed article's chain, built on LocalEc2 and Docker through the code path the AWS run uses
 * ({@link BaseAndSnowflake#pipeline} on a {@link Target} and a {@link DockerTarget}); its manifests read by
 * CircleCI's own extraction; the snowflake's container image run as it is, and checked by a failing image test.
 */
class BaseAndSnowflakeTest {
    /**
     * CircleCI's extract_artifact_id: jq for the amazon-ebs build's artifact id, perl for the AMI after the region.
     * (CircleCI's reads {@code .builds[0]}, but with a docker source beside amazon-ebs the first entry is
     * whichever finished first.)
     */
    private static final String CIRCLECI_EXTRACTION = "jq '.builds[] | select(.builder_type == \"amazon-ebs\")"
            + " | .artifact_id' \"$1\" | perl -n -e'/us-east-1:(ami-[a-z0-9]+)/ && print $1'";

    @Test
    void theChainBuildsOnLocalEc2AndDockerAndCircleCisJqExtractionReadsBothAmisFromTheManifests(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        try (TestDocker docker = TestDocker.start(); LocalDemo.Cloud cloud = LocalDemo.start(dir)) {
            LocalEc2 ec2 = cloud.ec2();
            Kiln kiln = Kiln.builder().listener(new ConsoleListener(out)).build();
            PipelineResult result = docker.removeAfterwards(BaseAndSnowflake.pipeline(Target.localEc2(ec2),
                    Optional.of(docker.target()), dir, Instant.now()).run(kiln));
            String output = console.toString(StandardCharsets.UTF_8);

            assertThat(result.images()).extracting(ImageResult::outcome).as(output)
                    .containsExactly(ImageOutcome.BUILT, ImageOutcome.BUILT);
            String base = ((AmiArtifact) artifact(result, "base", AmazonEbs.TYPE)).amis().get("us-east-1");
            String snowflake = ((AmiArtifact) artifact(result, "snowflake", AmazonEbs.TYPE)).amis().get("us-east-1");

            assertThat(sh(CIRCLECI_EXTRACTION, dir.resolve("manifest-base.json"))).isEqualTo(base);
            assertThat(sh(CIRCLECI_EXTRACTION, dir.resolve("manifest-snowflake.json"))).isEqualTo(snowflake);
            for (String image : List.of("base", "snowflake")) {
                assertThat(sh("jq -r '.builds[] | .name + \" \" + .builder_type + \" \" + .artifact_id' \"$1\"",
                        dir.resolve("manifest-" + image + ".json")).lines()).containsExactlyInAnyOrder(
                                "amazon-ebs amazon-ebs us-east-1:" + (image.equals("base") ? base : snowflake),
                                "docker docker " + artifact(result, image, Docker.TYPE).id());
            }
            assertThat(output).contains("docker: baseline: on Kiln local image for Docker (busybox)",
                    "docker: app: installed /opt/app/bin/app (version 1.0.0)");
            String container = ((DockerImage) artifact(result, "snowflake", Docker.TYPE)).tags().get(0);
            assertThat(HostCommand.ok("docker", "run", "--rm", "--network", "none", container))
                    .as("the snowflake container's CMD").isEqualTo("app 1.0.0: ready to serve /srv/www (2 files) on port 8080");
            assertThat(HostCommand.ok("docker", "image", "inspect", "--format",
                    "{{index .Config.Labels \"image\"}} {{index .Config.Labels \"SHA\"}}", container))
                    .isEqualTo("snowflake " + gitSha("snowflake"));

            ImageTest.Result failing = new ImageTest(Target.localEc2(ec2), out).runInContainer(docker.target(),
                    container, List.of(new ImageTest.Check("the site is there", "test -s /srv/www/index.html"),
                            new ImageTest.Check("a file nobody baked is there", "test -f /opt/app/missing.conf")));
            assertThat(failing.failures()).containsExactly(
                    "a file nobody baked is there: `test -f /opt/app/missing.conf` exited with 1");
            assertThat(HostCommand.ok("docker", "ps", "--all", "--quiet", "--filter", "id=" + failing.machine()))
                    .as("the failed test's container is removed").isEmpty();

            List<Ec2Call> launches = ec2.calls("RunInstances");
            assertThat(launches).extracting(c -> c.param("ImageId")).containsExactly(BaseAndSnowflake.UBUNTU_1604, base);
            assertThat(output).contains("baseline: site in /srv/www (2 files)",
                    "app: installed /opt/app/bin/app (version 1.0.0)", "on AWS this registers /etc/init.d/app");
            try (Ec2Client client = Target.localEc2(ec2).ec2Client()) {
                assertThat(tags(client, base)).containsEntry("SHA", gitSha("base")).containsEntry("ami", "base")
                        .containsEntry("OS_Version", "16.04");
                assertThat(tags(client, snowflake)).containsEntry("SHA", gitSha("snowflake"))
                        .containsEntry("ami", "snowflake");
            }
        }
    }

    private static Artifact artifact(PipelineResult result, String image, String source) {
        return result.image(image).orElseThrow().build().orElseThrow().artifact(source).orElseThrow();
    }

    private static Map<String, String> tags(Ec2Client client, String ami) {
        Image image = client.describeImages(r -> r.imageIds(ami)).images().get(0);
        return image.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    /** The image folder's SHA as the seed's common.sh computes it, asked of git independently of GitTree. */
    private static String gitSha(String image) throws IOException, InterruptedException {
        String sha = sh("cd \"$(git rev-parse --show-toplevel)\" && git ls-tree HEAD \"$1\" | cut -d\" \" -f3"
                + " | cut -f1", Path.of(ExampleFiles.REPOSITORY_FOLDER + image));
        return sha.matches("[0-9a-f]{40}") ? sha : GitTree.NONE;
    }

    /** Runs a /bin/sh script with one argument and returns its trimmed standard output. */
    private static String sh(String script, Path argument) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", script, "sh", argument.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
