package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Outcome;
import dev.kiln.core.run.SourceResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Builds against a LocalEc2 that answers as a limited EC2-compatible endpoint does. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AmazonEbsLimitedEndpointTest extends LocalEc2BuildSupport {

    @Test
    void theDefaultConfigBuildsWhereEd25519KeysAndSnapshotTagSpecificationsAreRefused() throws Exception {
        local.ec2.faults().refuseEd25519Keys().refuseTagSpecifications("snapshot");

        BuildResult build = kiln().build(spec(ebs().amiRegions("us-west-2").snapshotTags(Map.of("Release", "1")).build(), "true"));

        SourceResult result = build.sources().get(0);
        assertThat(result.outcome()).as(output()).isEqualTo(Outcome.BUILT);
        assertThat(output()).containsOnlyOnce("with CreateTags right after creation instead");
        AmiArtifact artifact = (AmiArtifact) result.artifact().orElseThrow();
        for (String region : List.of("us-east-1", "us-west-2")) {
            try (Ec2Client ec2 = local.client(region)) {
                Image image = ec2.describeImages(r -> r.imageIds(artifact.amis().get(region))).images().get(0);
                assertThat(tags(image.tags())).containsEntry("kiln:session", build.sessionId())
                        .containsKey("kiln:source").doesNotContainKey("kiln:temporary");
                assertThat(artifact.snapshots().get(region)).isNotEmpty();
                for (String snapshot : artifact.snapshots().get(region)) {
                    Map<String, String> snapshotTags = tags(ec2.describeSnapshots(r -> r.snapshotIds(snapshot)).snapshots().get(0).tags());
                    assertThat(snapshotTags).as("snapshot " + snapshot + " in " + region)
                            .containsEntry("kiln:session", build.sessionId()).containsEntry("Release", "1")
                            .doesNotContainKey("kiln:temporary");
                }
            }
        }
    }

    @Test
    void aServerErrorToATaggedCreateImageIsTriedOnceMoreWithoutTagsNotTenTimes() throws Exception {
        local.ec2.faults().refuseTagSpecifications("image");

        SourceResult result = build(spec(ebs().build(), "true"));

        assertThat(result.outcome()).as(output()).isEqualTo(Outcome.BUILT);
        assertThat(calls("CreateImage")).extracting(c -> c.errorCode() == null ? "ok" : c.errorCode())
                .containsExactly("InternalError", "ok");
    }

    @Test
    void anEd25519KeyRefusedByTheEndpointSaysToChooseRsa() throws Exception {
        local.ec2.faults().refuseEd25519Keys();

        SourceResult result = build(spec(ebs().temporaryKeyPairType(KeyPairType.ED25519).build(), "true"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error().orElseThrow().getMessage()).contains("InvalidKeyPair.Format",
                "temporaryKeyPairType(KeyPairType.RSA)");
        assertThat(calls("RunInstances")).isEmpty();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
