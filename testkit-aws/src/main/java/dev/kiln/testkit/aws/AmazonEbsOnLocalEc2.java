package dev.kiln.testkit.aws;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AwsCredentialsSource;
import dev.kiln.aws.WaitTime;
import dev.kiln.aws.Waits;
import dev.kiln.core.Secret;
import dev.kiln.testkit.ec2.LocalEc2;
import java.time.Duration;
import java.util.Objects;

/**
 * Kiln's amazon-ebs builder pointed at a {@link LocalEc2}, in one call: what connects the build to it is set,
 * and the image's own settings are left to the caller.
 *
 * <pre>{@code
 * try (LocalEc2 ec2 = LocalEc2.builder().localMachines().start()) {
 *     ImageSpec spec = ImageSpec.builder("web")
 *             .source(AmazonEbsOnLocalEc2.builder(ec2)
 *                     .sourceAmi(BaseImage.AMAZON_LINUX_2.id())
 *                     .instanceType("t2.micro")
 *                     .sshUsername("ec2-user")
 *                     .amiName("web"))
 *             .provision(Provisioners.shell().inline("echo hello | sudo tee /etc/motd"))
 *             .build();
 *     BuildResult result = Kiln.builder().build().build(spec);
 *     String ami = assertThat(result).artifactIn(ec2.region()).actual();
 *     assertThat(ec2).image(ami).fileContains("/etc/motd", "hello");
 * }
 * }</pre>
 */
public final class AmazonEbsOnLocalEc2 {
    /** Who may reach the temporary security group: loopback, where LocalEc2's machines and the build are. */
    public static final String SOURCE_CIDR = "127.0.0.0/8";
    /** How long the build waits for SSH: a machine's boot, with room for a busy host. */
    public static final Duration SSH_TIMEOUT = Duration.ofMinutes(2);
    /**
     * How the build waits for each EC2 state: polled every 200 ms, since LocalEc2 answers at once, for at most
     * 5 minutes, longer than its realistic latencies take (a copy to another region, 2 minutes).
     */
    public static final WaitTime WAIT = WaitTime.of(Duration.ofMillis(200), Duration.ofMinutes(5));

    private AmazonEbsOnLocalEc2() {
    }

    /**
     * An amazon-ebs configuration for {@code ec2}: its default region ({@link LocalEc2#region()}), endpoint
     * ({@link AmazonEbs.Builder#endpointOverride}), dummy keys as static credentials, the SSH port of its
     * instances, {@link #SOURCE_CIDR} for the temporary security group, {@link #SSH_TIMEOUT} and {@link #WAIT}
     * for every wait. The caller adds the source AMI, instance type, SSH user and AMI name, and may change
     * anything set here, e.g. {@code region("us-west-2")}.
     */
    public static AmazonEbs.Builder builder(LocalEc2 ec2) {
        Objects.requireNonNull(ec2, "ec2");
        return AmazonEbs.builder()
                .region(ec2.region())
                .endpointOverride(ec2.endpoint())
                .credentials(AwsCredentialsSource.staticKeys(Secret.of(ec2.accessKeyId()),
                        Secret.of(ec2.secretAccessKey())))
                .sshPort(ec2.sshPort())
                .temporarySecurityGroupSourceCidrs(SOURCE_CIDR)
                .sshTimeout(SSH_TIMEOUT)
                .waits(Waits.all(WAIT));
    }
}
