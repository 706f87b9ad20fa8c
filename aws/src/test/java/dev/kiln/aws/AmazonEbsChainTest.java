package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.pipeline.ImageOutcome;
import dev.kiln.core.pipeline.ImagePipeline;
import dev.kiln.core.pipeline.ImageResult;
import dev.kiln.core.pipeline.PipelineResult;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.testkit.ec2.Ec2Call;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A base image and an application image on top of it ({@code sourceAmiFromImage}), built as an ImagePipeline
 * against LocalEc2: the application instance boots from the base AMI with the base's files, a second run reuses
 * both, and a changed base rebuilds both.
 */
class AmazonEbsChainTest extends LocalEc2BuildSupport {

    private static ImageSpec base(String marker) {
        return ImageSpec.builder("base")
                .source(ebs().skipIfExists(true).build())
                .provision(Provisioners.shell().inline("echo " + marker + " > /etc/base-marker").build())
                .build();
    }

    private static ImageSpec app(AmazonEbs.Builder source) {
        return ImageSpec.builder("app")
                .source(source.sourceAmi(null).sourceAmiFromImage("base").build())
                .provision(Provisioners.shell().inline("cat /etc/base-marker", "echo app > /etc/app-marker").build())
                .build();
    }

    private static ImagePipeline pipeline(String baseMarker) {
        return ImagePipeline.builder().image(base(baseMarker)).image(app(ebs().skipIfExists(true))).build();
    }

    private static List<ImageOutcome> outcomes(PipelineResult result) {
        return result.images().stream().map(ImageResult::outcome).toList();
    }

    @Test
    void theAppStartsFromTheBaseAmiAndIsReusedUntilTheBaseChanges() {
        int launchesBefore = local.ec2.calls("RunInstances").size();

        PipelineResult first = pipeline("v1").run(kiln());

        assertThat(outcomes(first)).as(output()).containsExactly(ImageOutcome.BUILT, ImageOutcome.BUILT);
        String baseAmi = ((AmiArtifact) first.artifact("base").orElseThrow()).amis().get("us-east-1");
        List<Ec2Call> launches = local.ec2.calls("RunInstances");
        assertThat(launches).hasSize(launchesBefore + 2);
        assertThat(launches.get(launches.size() - 1).param("ImageId")).isEqualTo(baseAmi);
        assertThat(output()).contains("Using the AMI of image 'base': " + baseAmi, "amazon-ebs: v1");

        PipelineResult second = pipeline("v1").run(kiln());

        assertThat(outcomes(second)).as(output()).containsExactly(ImageOutcome.REUSED, ImageOutcome.REUSED);
        assertThat(second.artifact("app").orElseThrow().id()).isEqualTo(first.artifact("app").orElseThrow().id());
        assertThat(local.ec2.calls("RunInstances")).hasSize(launchesBefore + 2);

        PipelineResult changed = pipeline("v2").run(kiln());

        assertThat(outcomes(changed)).as(output()).containsExactly(ImageOutcome.BUILT, ImageOutcome.BUILT);
        assertThat(changed.image("app").orElseThrow().fingerprint())
                .isNotEqualTo(first.image("app").orElseThrow().fingerprint());
        assertThat(output()).contains("amazon-ebs: v2");
    }

    @Test
    void anUpstreamAmiMissingInTheBuildRegionFailsTheAppWithTheRegionsItHas() {
        ImageSpec westBase = ImageSpec.builder("base").source(ebs().region("us-west-2").build())
                .provision(Provisioners.shell().inline("true").build()).build();
        int launchesBefore = local.ec2.calls("RunInstances").size();

        PipelineResult result = ImagePipeline.builder().image(westBase).image(app(ebs())).build().run(kiln());

        assertThat(outcomes(result)).as(output()).containsExactly(ImageOutcome.BUILT, ImageOutcome.FAILED);
        Throwable error = result.image("app").orElseThrow().build().orElseThrow().sources().get(0).error().orElseThrow();
        assertThat(error).hasMessageContaining("image 'base' has no AMI in us-east-1 (it has us-west-2)")
                .hasMessageContaining("add us-east-1 to its amiRegions");
        assertThat(local.ec2.calls("RunInstances")).hasSize(launchesBefore + 1);
    }
}
