package com.example;

import static dev.kiln.testkit.assertj.KilnAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AwsCredentialsSource;
import dev.kiln.aws.WaitTime;
import dev.kiln.aws.Waits;
import dev.kiln.core.Secret;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.junit.LocalEc2Test;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A {@code @BeforeAll} parameter: one LocalEc2 with local machines for the class, closed after it. */
@LocalEc2Test
class ClassLocalEc2Test {
    private static LocalEc2 shared;

    @BeforeAll
    static void start(LocalEc2 ec2) {
        assertThat(ec2.dataDir()).isDirectory();
        DataDirs.record(ec2);
        shared = ec2;
    }

    @Test
    void runsOnTheProjectsJUnit() {
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(System.getProperty("junit.version"));
    }

    @Test
    void buildsAnImage(LocalEc2 ec2) {
        assertThat(ec2).isSameAs(shared);
        ImageSpec spec = ImageSpec.builder("junit")
                .source(AmazonEbs.builder()
                        .region("us-east-1")
                        .endpointOverride(ec2.endpoint())
                        .credentials(AwsCredentialsSource.staticKeys(Secret.of(ec2.accessKeyId()),
                                Secret.of(ec2.secretAccessKey())))
                        .sshPort(ec2.sshPort())
                        .temporarySecurityGroupSourceCidrs("127.0.0.0/8")
                        .waits(Waits.all(WaitTime.of(Duration.ofMillis(200), Duration.ofMinutes(2))))
                        .sourceAmi("ami-0e6d2e8684d4ccb3e")
                        .instanceType("t2.micro")
                        .sshUsername("ec2-user")
                        .amiName("junit-" + System.getProperty("junit.version"))
                        .build())
                .provision(Provisioners.shell().inline("echo 'Built on JUnit' | sudo tee /etc/motd").build())
                .build();

        BuildResult result = Kiln.builder().build().build(spec);

        assertThat(result).succeeded().hasArtifactIn("us-east-1");
        assertThat(ec2).hasNoLeaks();
    }
}
