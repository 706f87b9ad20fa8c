package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.run.Outcome;
import dev.kiln.core.run.SourceResult;
import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.InstanceView;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Tags and the description computed from the build data, in real builds against LocalEc2: their values are the
 * source AMI's as DescribeImages gives it to any client, on the instance, its volumes, the AMI and its snapshots.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AmazonEbsBuildDataTest extends LocalEc2BuildSupport {

    @Test
    void tagsAndTheDescriptionCarryTheSourceAmisValues() {
        Image source;
        try (Ec2Client ec2 = local.client("us-east-1")) {
            source = ec2.describeImages(r -> r.imageIds(BaseImage.AMAZON_LINUX_2.id())).images().get(0);
        }

        SourceResult result = build(spec(ebs().amiTag("OS_Version", "Amazon Linux")
                .amiTag("Base_AMI_Name", BuildData::sourceAmiName)
                .amiTag("Base_AMI", BuildData::sourceAmi)
                .amiTag("Base_Created", BuildData::sourceAmiCreationDate)
                .amiTag("Base_Owner", d -> d.sourceAmiOwner() + "/" + d.sourceAmiOwnerName())
                .amiTag("Region", BuildData::buildRegion)
                .snapshotTag("Base_AMI_Name", BuildData::sourceAmiName)
                .runTag("Base_AMI", BuildData::sourceAmi)
                .volumeTag("Base_AMI", BuildData::sourceAmi)
                .amiDescription(d -> "from " + d.sourceAmiName()).build(), "true"));

        assertThat(result.outcome()).as(output()).isEqualTo(Outcome.BUILT);
        String ami = ((AmiArtifact) result.artifact().orElseThrow()).amis().get("us-east-1");
        try (Ec2Client ec2 = local.client("us-east-1")) {
            Image image = ec2.describeImages(r -> r.imageIds(ami)).images().get(0);
            assertThat(tags(image.tags())).containsEntry("OS_Version", "Amazon Linux")
                    .containsEntry("Base_AMI_Name", source.name())
                    .containsEntry("Base_AMI", source.imageId())
                    .containsEntry("Base_Created", source.creationDate())
                    .containsEntry("Base_Owner", source.ownerId() + "/amazon")
                    .containsEntry("Region", "us-east-1");
            assertThat(image.description()).isEqualTo("from " + source.name());
            String snapshot = image.blockDeviceMappings().get(0).ebs().snapshotId();
            assertThat(tags(ec2.describeSnapshots(r -> r.snapshotIds(snapshot)).snapshots().get(0).tags()))
                    .containsEntry("Base_AMI_Name", source.name());
        }
        InstanceView instance = launchedNow();
        assertThat(instance.tags()).containsEntry("Base_AMI", source.imageId()).containsEntry("Name", "Kiln Builder");
        assertThat(calls("RunInstances").get(0).params()).containsEntry("TagSpecification.2.ResourceType", "volume")
                .containsValue(source.imageId());
    }

    @Test
    void aChainedBuildSeesItsSourceAmisTags() {
        SourceResult base = build(spec(ebs().amiTag("TagName", "base-value").build(), "true"));
        String baseAmi = ((AmiArtifact) base.artifact().orElseThrow()).amis().get("us-east-1");

        SourceResult result = build(spec(ebs().sourceAmi(baseAmi)
                .amiTag("Extra", d -> d.sourceAmiTags().getOrDefault("TagName", "none"))
                .amiTag("Owner_Name", d -> "[" + d.sourceAmiOwnerName() + "]")
                .snapshotTag("Extra", d -> d.sourceAmiTags().getOrDefault("TagName", "none")).build(), "true"));

        assertThat(result.outcome()).as(output()).isEqualTo(Outcome.BUILT);
        String ami = ((AmiArtifact) result.artifact().orElseThrow()).amis().get("us-east-1");
        try (Ec2Client ec2 = local.client("us-east-1")) {
            Image image = ec2.describeImages(r -> r.imageIds(ami)).images().get(0);
            assertThat(tags(image.tags())).containsEntry("Extra", "base-value").containsEntry("Owner_Name", "[]");
            String snapshot = image.blockDeviceMappings().get(0).ebs().snapshotId();
            assertThat(tags(ec2.describeSnapshots(r -> r.snapshotIds(snapshot)).snapshots().get(0).tags()))
                    .containsEntry("Extra", "base-value");
        }
        assertThat(calls("DescribeImages")).anySatisfy(c -> assertThat(c.params()).containsValue(baseAmi));
    }

    @Test
    void aFunctionThatFailsFailsTheBuildNamingTheTagAndUndoesEverything() {
        SourceResult result = build(spec(ebs().amiTag("Broken", d -> null).build(), "true"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error().orElseThrow().getMessage()).contains("step 'tag image' failed",
                "amiTags 'Broken' computed from the build data is null");
    }

    @Test
    void aPlainBuildLooksNothingUpAgainAtCapture() {
        SourceResult result = build(spec(ebs().amiTag("Name", "plain").build(), "true"));

        assertThat(result.outcome()).as(output()).isEqualTo(Outcome.BUILT);
        assertThat(calls("DescribeImages").stream().filter(c -> c.params().containsValue(BaseImage.AMAZON_LINUX_2.id())))
                .hasSize(1);
    }

    @Test
    void computedTagsAreCheckedLikeFixedOnesKeptByToBuilderAndReplacedByASetter() {
        BuildData data = new BuildData("us-east-1", "ami-1", null, "base", "123", null, Map.of("k", "v"));
        AmazonEbs ebs = ebs().amiTag("kiln:mine", BuildData::sourceAmi).amiTag("Base", BuildData::sourceAmiName)
                .amiTag("Fixed", "1").build();

        assertThat(ebs.validate()).anySatisfy(p -> assertThat(p.toString()).contains("amiTags", "kiln:mine"));
        assertThat(ebs.toBuilder().build().amiTags(data)).containsEntry("Base", "base").containsEntry("Fixed", "1");
        assertThat(ebs.toBuilder().amiTag("Base", "fixed").build().amiTags(data)).containsEntry("Base", "fixed");
        assertThat(ebs.toBuilder().amiTags(Map.of("Only", "1")).build().amiTags(data)).containsOnlyKeys("Only");
        assertThat(ebs.usesBuildData()).isTrue();
        assertThat(data.sourceAmiCreationDate()).isEmpty();
    }

    private InstanceView launchedNow() {
        String id = calls("TerminateInstances").get(0).params().get("InstanceId.1");
        return local.ec2.instance("us-east-1", id);
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
