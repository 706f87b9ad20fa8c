package dev.kiln.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AwsCredentialsSource;
import dev.kiln.core.pipeline.ImagePipeline;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.testkit.ec2.LocalEc2;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS variants of the examples, checked without any network call: valid specs with the articles' settings. */
class AwsTargetTest {
    private static final Instant TIMESTAMP = Instant.ofEpochSecond(1539107879);

    @Test
    void theNginxImageIsTheArticlesTemplateOnAws(@TempDir Path dir) {
        ImageSpec spec = WebServerImage.spec(Target.aws("us-east-1"), TIMESTAMP, WebServerImage.NGINX_STEPS,
                dir.resolve("manifest.json"));

        assertThat(spec.validate()).isEmpty();
        AmazonEbs ebs = (AmazonEbs) spec.sources().get(0);
        assertThat(ebs.region()).isEqualTo("us-east-1");
        assertThat(ebs.endpointOverride()).isNull();
        assertThat(ebs.credentials()).isEqualTo(AwsCredentialsSource.defaultChain());
        assertThat(ebs.sourceAmi()).isEqualTo("ami-0e6d2e8684d4ccb3e");
        assertThat(ebs.instanceType()).isEqualTo("t2.micro");
        assertThat(ebs.sshUsername()).isEqualTo("ec2-user");
        assertThat(ebs.sshPort()).isEqualTo(22);
        assertThat(ebs.amiName()).isEqualTo("packer-base-1539107879");
        assertThat(ebs.associatePublicIpAddress()).isTrue();
        assertThat(ebs.temporarySecurityGroupSourcePublicIpFrom()).isEqualTo(Target.CHECK_IP);
        assertThat(ebs.temporarySecurityGroupSourceCidrs()).isEmpty();
    }

    @Test
    void theChainOnAwsIsValidAndTheSnowflakeStartsFromTheBase(@TempDir Path dir) {
        ImagePipeline chain = BaseAndSnowflake.pipeline(Target.aws("eu-west-1"), Optional.empty(), dir, TIMESTAMP);

        assertThat(chain.validate()).isEmpty();
        assertThat(chain.dependencies()).isEqualTo(Map.of("base", Set.of(), "snowflake", Set.of("base")));
        AmazonEbs base = (AmazonEbs) chain.images().get("base").sources().get(0);
        AmazonEbs snowflake = (AmazonEbs) chain.images().get("snowflake").sources().get(0);
        assertThat(base.sourceAmi()).isEqualTo(BaseAndSnowflake.UBUNTU_1604);
        assertThat(base.region()).isEqualTo("eu-west-1");
        assertThat(base.skipIfExists()).isTrue();
        assertThat(base.amiName()).isEqualTo("baseline-ubuntu-1604-1539107879");
        assertThat(snowflake.sourceAmiFromImage()).isEqualTo("base");
        assertThat(snowflake.skipIfExists()).isTrue();
        assertThat(snowflake.runTags()).containsEntry("ami-create", "snowflake");
        assertThat(snowflake.amiTags()).containsKeys("SHA", "OS_Name", "OS_Version", "ami");
        assertThat(chain.fingerprints().get("snowflake")).isNotEqualTo(
                chain.images().get("snowflake").fingerprint());
    }

    @Test
    void onLocalEc2TheSameSpecDiffersOnlyInWhereItConnectsNotInTheImage(@TempDir Path dir) {
        try (LocalEc2 ec2 = LocalEc2.create()) {
            Target local = Target.localEc2(ec2);
            ImageSpec onAws = WebServerImage.spec(Target.aws("us-east-1"), TIMESTAMP, WebServerImage.NGINX_STEPS,
                    dir.resolve("manifest.json"));
            ImageSpec onLocal = WebServerImage.spec(local, TIMESTAMP, WebServerImage.NGINX_STEPS,
                    dir.resolve("manifest.json"));

            assertThat(onLocal.validate()).isEmpty();
            assertThat(onLocal.fingerprint()).isEqualTo(onAws.fingerprint());
            AmazonEbs ebs = (AmazonEbs) onLocal.sources().get(0);
            assertThat(ebs.endpointOverride()).isEqualTo(ec2.endpoint());
            assertThat(ebs.sshPort()).isEqualTo(ec2.sshPort());
            assertThat(ebs.temporarySecurityGroupSourceCidrs()).containsExactly("127.0.0.0/8");
            assertThat(local.sshSourceCidr()).isEqualTo("127.0.0.0/8");
        }
    }
}
