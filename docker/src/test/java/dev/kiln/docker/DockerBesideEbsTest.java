package dev.kiln.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AwsCredentialsSource;
import dev.kiln.aws.WaitTime;
import dev.kiln.aws.Waits;
import dev.kiln.core.Secret;
import dev.kiln.core.post.PostProcessors;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's pipeline: one spec with an amazon-ebs source (on LocalEc2) and a docker source, the same
 * provisioners for both, built in parallel, one manifest holding both builds.
 */
class DockerBesideEbsTest extends DockerBuildSupport {

    @Test
    void oneSpecBakesAnAmiAndAContainerImageInParallel(@TempDir Path tmp) throws Exception {
        Path manifest = tmp.resolve("manifest.json");
        try (LocalMachineHost machines = LocalMachineHost.create(Files.createDirectories(tmp.resolve("machines")));
                LocalEc2 ec2 = LocalEc2.builder().machineHost(machines).start()) {
            AmazonEbs ebs = AmazonEbs.builder()
                    .region("us-east-1")
                    .endpointOverride(ec2.endpoint())
                    .credentials(AwsCredentialsSource.staticKeys(Secret.of(ec2.accessKeyId()), Secret.of(ec2.secretAccessKey())))
                    .sourceAmi(BaseImage.AMAZON_LINUX_2.id())
                    .instanceType("t2.micro")
                    .sshUsername("ec2-user")
                    .sshPort(ec2.sshPort())
                    .sshTimeout(Duration.ofSeconds(30))
                    .temporarySecurityGroupSourceCidrs("127.0.0.0/8")
                    .amiName("seed-" + System.nanoTime())
                    .waits(Waits.all(WaitTime.of(Duration.ofMillis(100), Duration.ofMinutes(2))))
                    .build();
            ImageSpec spec = ImageSpec.builder("seed")
                    .source(ebs)
                    .source(docker())
                    .provision(Provisioners.shell().inline("echo \"built by $KILN_BUILDER_TYPE\" | tee /tmp/built-by").build())
                    .postProcess(PostProcessors.manifest(manifest))
                    .build();
            Map<String, Instant> started = new ConcurrentHashMap<>();
            Map<String, Instant> finished = new ConcurrentHashMap<>();

            BuildResult result = kiln(event -> {
                if (event instanceof BuildEvent.SourceStarted s) {
                    started.put(s.source(), s.time());
                } else if (event instanceof BuildEvent.SourceFinished f) {
                    finished.put(f.source(), f.time());
                }
            }).build(spec);

            assertThat(result.succeeded()).as(output()).isTrue();
            assertThat(output()).contains("amazon-ebs: built by amazon-ebs", "docker: built by docker");
            assertThat(started.get("docker")).as("both sources ran at once").isBefore(finished.get("amazon-ebs"));
            assertThat(started.get("amazon-ebs")).isBefore(finished.get("docker"));
            JsonNode builds = new ObjectMapper().readTree(Files.readString(manifest)).get("builds");
            List<String> entries = new ArrayList<>();
            builds.forEach(b -> entries.add(b.get("builder_type").asText() + " " + b.get("artifact_id").asText()));
            assertThat(entries).containsExactlyInAnyOrder(
                    "amazon-ebs " + result.artifact("amazon-ebs").orElseThrow().id(),
                    "docker " + result.artifact("docker").orElseThrow().id());
            String image = result.artifact("docker").orElseThrow().id();
            assertThat(DockerCli.ok("run", "--rm", "--network", "none", image, "cat", "/tmp/built-by"))
                    .isEqualTo("built by docker");
        }
    }
}
