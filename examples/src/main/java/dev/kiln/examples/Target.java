package dev.kiln.examples;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AwsCredentialsSource;
import dev.kiln.core.Secret;
import dev.kiln.testkit.aws.AmazonEbsOnLocalEc2;
import dev.kiln.testkit.ec2.LocalEc2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Where the examples build: real AWS, or a LocalEc2 on loopback. The examples take a target and nothing else
 * about the cloud, so the very same spec code runs against both; only what this class fills in differs.
 *
 * <pre>{@code
 * Target aws = Target.aws("us-east-1");                 // default credential chain, Packer-like waits
 * Target local = Target.localEc2(localEc2);             // AmazonEbsOnLocalEc2: endpoint, dummy keys, SSH port...
 * AmazonEbs.Builder ebs = local.amazonEbs().sourceAmi("ami-0e6d2e8684d4ccb3e");
 * }</pre>
 */
public final class Target {
    /** The service AWS itself offers that answers with the caller's public IP. */
    static final URI CHECK_IP = URI.create("https://checkip.amazonaws.com");

    private final String region;
    private final AwsCredentialsSource credentials;
    private final LocalEc2 localEc2;

    private Target(String region, AwsCredentialsSource credentials, LocalEc2 localEc2) {
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.localEc2 = localEc2;
    }

    /** Real AWS in {@code region}, with credentials from the SDK's default chain (environment, profile, SSO, role). */
    public static Target aws(String region) {
        return aws(region, AwsCredentialsSource.defaultChain());
    }

    /** Real AWS in {@code region} with the given credentials. */
    public static Target aws(String region, AwsCredentialsSource credentials) {
        return new Target(region, credentials, null);
    }

    /**
     * A running LocalEc2, in its default region: amazon-ebs connects through {@link AmazonEbsOnLocalEc2}, the
     * image test with its dummy credentials.
     */
    public static Target localEc2(LocalEc2 ec2) {
        return new Target(ec2.region(), AwsCredentialsSource.staticKeys(Secret.of(ec2.accessKeyId()),
                Secret.of(ec2.secretAccessKey())), ec2);
    }

    /** The region to build in, e.g. {@code us-east-1}. */
    public String region() {
        return region;
    }

    /** Where the AWS credentials come from. */
    public AwsCredentialsSource credentials() {
        return credentials;
    }

    /** The EC2 endpoint that replaces AWS's, present for LocalEc2. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(localEc2).map(LocalEc2::endpoint);
    }

    /** The SSH port of the instances. */
    public int sshPort() {
        return localEc2 == null ? 22 : localEc2.sshPort();
    }

    /**
     * True for LocalEc2, whose machines run the host's programs over their own files: there is no package
     * manager, no systemd and no internet, so steps like {@code yum install} cannot work there.
     */
    public boolean localCloud() {
        return localEc2 != null;
    }

    /**
     * An amazon-ebs configuration with everything the target decides: region, credentials, endpoint, SSH port,
     * who may reach the temporary security group and how long to wait. The caller adds the image's own
     * settings (source AMI, instance type, user, AMI name...).
     */
    public AmazonEbs.Builder amazonEbs() {
        if (localEc2 != null) {
            return AmazonEbsOnLocalEc2.builder(localEc2);
        }
        // On AWS the temporary group opens SSH only to this machine's public address (/32), not 0.0.0.0/0.
        return AmazonEbs.builder().region(region).credentials(credentials)
                .temporarySecurityGroupSourcePublicIpFrom(CHECK_IP);
    }

    /**
     * The addresses allowed to reach the SSH port of a test instance: loopback for LocalEc2; on AWS this
     * machine's public address (/32), asked of {@code checkip.amazonaws.com}.
     */
    public String sshSourceCidr() {
        if (localEc2 != null) {
            return AmazonEbsOnLocalEc2.SOURCE_CIDR;
        }
        try {
            HttpResponse<String> ip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(CHECK_IP)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return ip.body().trim() + "/32";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot learn this machine's public IP from " + CHECK_IP, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + CHECK_IP + " for this machine's IP", e);
        }
    }

    /** An EC2 client for the target's region, for work outside a build (the image test); the caller closes it. */
    public Ec2Client ec2Client() {
        var builder = Ec2Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials.provider(region, null))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public String toString() {
        return localEc2 != null ? "LocalEc2 at " + localEc2.endpoint() + " (" + region + ")" : "AWS " + region;
    }
}
