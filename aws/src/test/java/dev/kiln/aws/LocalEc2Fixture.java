package dev.kiln.aws;

import dev.kiln.core.Secret;
import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.Latencies;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
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

    LocalEc2Fixture(Latencies latencies) throws IOException {
        machines = LocalMachineHost.create(Files.createTempDirectory("kiln-aws-machines"));
        ec2 = LocalEc2.builder().machineHost(machines).latencies(latencies).start();
    }

    /** The seed article's build: Amazon Linux 2, t2.micro, ec2-user, fast waits, dummy credentials. */
    AmazonEbs.Builder seedBuild(String amiName) {
        return seedBuild(ec2.endpoint(), ec2.accessKeyId(), ec2.secretAccessKey(), ec2.sshPort(), amiName);
    }

    /** The seed build against a LocalEc2 known only by its endpoint, credentials and SSH port. */
    static AmazonEbs.Builder seedBuild(URI endpoint, String accessKeyId, String secretKey, int sshPort, String amiName) {
        return AmazonEbs.builder()
                .region("us-east-1")
                .endpointOverride(endpoint)
                .credentials(AwsCredentialsSource.staticKeys(Secret.of(accessKeyId), Secret.of(secretKey)))
                .sourceAmi(BaseImage.AMAZON_LINUX_2.id())
                .instanceType("t2.micro")
                .sshUsername("ec2-user")
                .sshPort(sshPort)
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
}
