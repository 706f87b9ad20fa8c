package dev.kiln.testkit.aws;

import static dev.kiln.testkit.assertj.KilnAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.WaitTime;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.LocalEc2;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One call connects amazon-ebs to a LocalEc2: a real build on its real SSH machines, with nothing else about the
 * connection set, and the image it made checked through LocalEc2's view.
 */
class AmazonEbsOnLocalEc2Test {

    @Test
    void buildsAnImageOnLocalEc2WithOneCallForTheConnection(@TempDir Path dir) {
        try (LocalEc2 ec2 = LocalEc2.builder().localMachines().dataDir(dir).start()) {
            ImageSpec spec = ImageSpec.builder("web")
                    .source(AmazonEbsOnLocalEc2.builder(ec2)
                            .sourceAmi(BaseImage.AMAZON_LINUX_2.id())
                            .instanceType("t2.micro")
                            .sshUsername("ec2-user")
                            .amiName("web-" + System.nanoTime())
                            .amiTag("Name", "web"))
                    .provision(Provisioners.shell().inline("echo port=8080 | sudo tee /etc/app.conf",
                            "sudo mkdir -p /srv/www", "echo '<h1>hi</h1>' | sudo tee /srv/www/index.html"))
                    .build();

            BuildResult result = Kiln.builder().build().build(spec);

            assertThat(result).succeeded();
            String ami = assertThat(result).artifactIn(ec2.region()).startsWith("ami-").actual();
            assertThat(ec2).image(ami).hasState("available").hasTag("Name", "web")
                    .fileContains("/etc/app.conf", "port=8080").fileContains("/srv/www/index.html", "<h1>hi</h1>");
            assertThat(ec2).calls().containsSubsequence("CreateSecurityGroup", "ImportKeyPair", "RunInstances",
                    "StopInstances", "CreateImage", "TerminateInstances", "DeleteKeyPair", "DeleteSecurityGroup");
            assertThat(ec2).hasNoLeaks();
        }
    }

    @Test
    void setsWhatConnectsToLocalEc2AndLeavesTheImageToTheCaller() {
        try (LocalEc2 ec2 = LocalEc2.builder().region("eu-west-1").start()) {
            AmazonEbs ebs = AmazonEbsOnLocalEc2.builder(ec2).build();

            assertThat(ebs.region()).isEqualTo("eu-west-1");
            assertThat(ebs.endpointOverride()).isEqualTo(ec2.endpoint());
            assertThat(ebs.credentials().provider("eu-west-1", null).resolveCredentials())
                    .satisfies(keys -> {
                        assertThat(keys.accessKeyId()).isEqualTo(ec2.accessKeyId());
                        assertThat(keys.secretAccessKey()).isEqualTo(ec2.secretAccessKey());
                    });
            assertThat(ebs.sshPort()).isEqualTo(ec2.sshPort());
            assertThat(ebs.temporarySecurityGroupSourceCidrs()).containsExactly("127.0.0.0/8");
            assertThat(ebs.waits().instanceRunning()).isEqualTo(AmazonEbsOnLocalEc2.WAIT);
            assertThat(ebs.waits().imageAvailable()).isEqualTo(AmazonEbsOnLocalEc2.WAIT);
            assertThat(ebs.sourceAmi()).isNull();
            assertThat(ebs.validate()).extracting(problem -> problem.field())
                    .containsExactlyInAnyOrder("sourceAmi", "instanceType", "sshUsername", "amiName");
        }
    }
}
