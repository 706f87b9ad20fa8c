package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.run.Outcome;
import dev.kiln.core.run.SourceResult;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;

/** AMI name checks, force-deregister and launch permissions, each in a real build against LocalEc2. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AmazonEbsImageOptionsTest extends LocalEc2BuildSupport {

    private static java.util.List<String> imagesNamed(String name) {
        try (Ec2Client ec2 = local.client("us-east-1")) {
            return ec2.describeImages(r -> r.owners("self").filters(Filter.builder().name("name").values(name).build()))
                    .images().stream().map(i -> i.imageId()).toList();
        }
    }

    @Test
    void aTakenAmiNameFailsBeforeAnythingIsLaunchedAndForceDeregisterReplacesTheOldAmi() {
        String name = "kiln-same-name-" + System.nanoTime();
        assertThat(build(spec(local.seedBuild(name).build(), "true")).outcome()).isEqualTo(Outcome.BUILT);
        String first = imagesNamed(name).get(0);
        int launches = local.ec2.calls("RunInstances").size();

        SourceResult again = build(spec(local.seedBuild(name).build(), "true"));

        assertThat(again.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(again.error().orElseThrow().getMessage()).contains("step 'pre-validate AMI name' failed",
                "is used by an existing AMI: " + first, "forceDeregister(true)");
        assertThat(local.ec2.calls("RunInstances")).hasSize(launches);

        SourceResult forced = build(spec(local.seedBuild(name).forceDeregister(true).forceDeleteSnapshot(true).build(), "true"));

        assertThat(forced.outcome()).isEqualTo(Outcome.BUILT);
        assertThat(imagesNamed(name)).hasSize(1).doesNotContain(first);
        assertThat(output()).contains("Deregistered AMI id: " + first, "Deleted snapshot: snap-");
    }

    @Test
    void launchGroupsAreGrantedOnTheAmi() {
        SourceResult result = build(spec(ebs().amiGroups("all").build(), "true"));

        assertThat(result.outcome()).isEqualTo(Outcome.BUILT);
        String ami = ((AmiArtifact) result.artifact().orElseThrow()).amis().get("us-east-1");
        try (Ec2Client ec2 = local.client("us-east-1")) {
            assertThat(ec2.describeImageAttribute(r -> r.imageId(ami).attribute(ImageAttributeName.LAUNCH_PERMISSION))
                    .launchPermissions()).anySatisfy(p -> assertThat(p.groupAsString()).isEqualTo("all"));
        }
    }
}
