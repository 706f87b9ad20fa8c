package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.post.PostProcessors;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Outcome;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.testkit.ec2.Ec2Call;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The seed article's build, end to end: the real SDK over HTTP to LocalEc2, real SSH to its machines. */
class AmazonEbsBuildTest extends LocalEc2BuildSupport {

    @Test
    void buildsTheSeedImageInTwoRegionsThenReusesItBySkipIfExists(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("manifest.json");
        AmazonEbs ebs = local.seedBuild("packer-base-" + System.currentTimeMillis())
                .amiRegions("us-west-2")
                .amiTags(Map.of("Name", "packer-base", "Release", "1"))
                .snapshotTags(Map.of("Release", "snapshot"))
                .skipIfExists(true)
                .build();
        ImageSpec spec = ImageSpec.builder("packer-base")
                .source(ebs)
                .provision(Provisioners.shell().inline("echo provisioned > /tmp/kiln-marker", "cat /tmp/kiln-marker").build())
                .postProcess(PostProcessors.manifest(manifest).build())
                .build();
        BuildResult first = kiln().build(spec);

        String output = output();
        assertThat(first.succeeded()).as(output).isTrue();
        AmiArtifact artifact = (AmiArtifact) first.artifact("amazon-ebs").orElseThrow();
        assertThat(artifact.amis()).containsOnlyKeys("us-east-1", "us-west-2");
        assertThat(artifact.id()).isEqualTo("us-east-1:" + artifact.amis().get("us-east-1") + ",us-west-2:"
                + artifact.amis().get("us-west-2"));
        assertThat(Files.readString(manifest)).contains("\"artifact_id\": \"" + artifact.id() + "\"");
        assertThat(output).contains("Creating temporary keypair: kiln_", "Launching a source AWS instance...",
                "Waiting for SSH to become available...", "provisioned", "Creating AMI packer-base-",
                "AMI: " + artifact.amis().get("us-east-1"), "Terminating the source AWS instance...",
                "Deleting temporary security group...", "Deleting temporary keypair...");
        assertThat(local.ec2.leaks()).isEmpty();
        Ec2Call run = local.ec2.calls("RunInstances").get(0);
        assertThat(run.params()).containsValues("kiln:session", first.sessionId(), "kiln:temporary");
        List<String> actions = local.ec2.calls().stream().map(Ec2Call::action).toList();
        assertThat(actions.indexOf("TerminateInstances")).as("the instance is terminated once its AMI is available,"
                + " before the region copy").isGreaterThan(actions.indexOf("CreateImage"))
                .isLessThan(actions.indexOf("CopyImage"));
        for (String region : List.of("us-east-1", "us-west-2")) {
            try (Ec2Client ec2 = local.client(region)) {
                Image image = ec2.describeImages(r -> r.imageIds(artifact.amis().get(region))).images().get(0);
                Map<String, String> tags = image.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
                assertThat(tags).containsEntry("Name", "packer-base").containsEntry("kiln:session", first.sessionId())
                        .containsEntry("Release", "1").containsKey("kiln:fingerprint")
                        .doesNotContainKey("kiln:temporary");
                String snapshot = image.blockDeviceMappings().get(0).ebs().snapshotId();
                Map<String, String> snapshotTags = ec2.describeSnapshots(r -> r.snapshotIds(snapshot)).snapshots()
                        .get(0).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
                assertThat(snapshotTags).as("the AMI tags, as in Packer, then the snapshot tags over them")
                        .containsEntry("Name", "packer-base").containsEntry("Release", "snapshot")
                        .doesNotContainKey("kiln:temporary");
            }
        }

        int launches = local.ec2.calls("RunInstances").size();
        BuildResult second = kiln().build(spec);

        assertThat(second.sources().get(0).outcome()).isEqualTo(Outcome.REUSED);
        assertThat(second.artifact("amazon-ebs").orElseThrow().id()).isEqualTo(artifact.id());
        assertThat(local.ec2.calls("RunInstances")).hasSize(launches);
    }
}
