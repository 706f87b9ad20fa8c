package dev.kiln.aws;

import dev.kiln.core.Secret;
import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** One LocalEc2 with real local SSH machines, and amazon-ebs configurations pointed at it. */
final class LocalEc2Fixture implements AutoCloseable {
    final LocalMachineHost machines;
    final LocalEc2 ec2;

    LocalEc2Fixture() throws IOException {
        machines = LocalMachineHost.create(Files.createTempDirectory("kiln-aws-machines"));
        ec2 = LocalEc2.builder().machineHost(machines).start();
    }

    /** The seed article's build: Amazon Linux 2, t2.micro, ec2-user, fast waits, dummy credentials. */
    AmazonEbs.Builder seedBuild(String amiName) {
        return AmazonEbs.builder()
                .region("us-east-1")
                .endpointOverride(ec2.endpoint())
                .credentials(AwsCredentialsSource.staticKeys(Secret.of(ec2.accessKeyId()), Secret.of(ec2.secretAccessKey())))
                .sourceAmi(BaseImage.AMAZON_LINUX_2.id())
                .instanceType("t2.micro")
                .sshUsername("ec2-user")
                .sshPort(ec2.sshPort())
                .sshTimeout(Duration.ofSeconds(30))
                .temporarySecurityGroupSourceCidrs("127.0.0.0/8")
                .amiName(amiName)
                .waits(Waits.all(WaitTime.of(Duration.ofMillis(100), Duration.ofMinutes(2))));
    }

    /** A client of LocalEc2 for a region, for assertions. */
    Ec2Client client(String region) {
        return Ec2Client.builder().endpointOverride(ec2.endpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ec2.accessKeyId(), ec2.secretAccessKey())))
                .build();
    }

    @Override
    public void close() {
        ec2.close();
        machines.close();
    }

    static Path dir(Path parent, String name) throws IOException {
        return Files.createDirectories(parent.resolve(name));
    }
}
