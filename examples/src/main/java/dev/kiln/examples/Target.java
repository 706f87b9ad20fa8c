package dev.kiln.examples;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AwsCredentialsSource;
import dev.kiln.aws.WaitTime;
import dev.kiln.aws.Waits;
import dev.kiln.core.Secret;
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
 * Target local = Target.localEc2(localEc2);             // its endpoint, dummy keys, SSH port, fast waits
 * AmazonEbs.Builder ebs = local.amazonEbs().sourceAmi("ami-0e6d2e8684d4ccb3e");
 * }</pre>
 */
public final class Target {
    /** The service AWS itself offers that answers with the caller's public IP. */
    static final URI CHECK_IP = URI.create("https://checkip.amazonaws.com");

    private final String region;
    private final AwsCredentialsSource credentials;
    private final URI endpoint;
    private final int sshPort;
    private final boolean localCloud;

    private Target(String region, AwsCredentialsSource credentials, URI endpoint, int sshPort, boolean localCloud) {
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.endpoint = endpoint;
        this.sshPort = sshPort;
        this.localCloud = localCloud;
    }

    /** Real AWS in {@code region}, with credentials from the SDK's default chain (environment, profile, SSO, role). */
    public static Target aws(String region) {
        return aws(region, AwsCredentialsSource.defaultChain());
    }

    /** Real AWS in {@code region} with the given credentials. */
    public static Target aws(String region, AwsCredentialsSource credentials) {
        return new Target(region, credentials, null, 22, false);
    }

    /** A running LocalEc2: its endpoint, its dummy credentials, its instances' SSH port, its default region. */
    public static Target localEc2(LocalEc2 ec2) {
        return new Target(ec2.region(), AwsCredentialsSource.staticKeys(Secret.of(ec2.accessKeyId()),
                Secret.of(ec2.secretAccessKey())), ec2.endpoint(), ec2.sshPort(), true);
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
        return Optional.ofNullable(endpoint);
    }

    /** The SSH port of the instances. */
    public int sshPort() {
        return sshPort;
    }

    /**
     * True for LocalEc2, whose machines run the host's programs over their own files: there is no package
     * manager, no systemd and no internet, so steps like {@code yum install} cannot work there.
     */
    public boolean localCloud() {
        return localCloud;
    }

    /**
     * An amazon-ebs configuration with everything the target decides: region, credentials, endpoint, SSH port,
     * who may reach the temporary security group and how long to wait. The caller adds the image's own
     * settings (source AMI, instance type, user, AMI name...).
     */
    public AmazonEbs.Builder amazonEbs() {
        AmazonEbs.Builder ebs = AmazonEbs.builder().region(region).credentials(credentials).sshPort(sshPort);
        if (localCloud) {
            // The instances listen on loopback addresses; waits poll fast because nothing here takes minutes.
            return ebs.endpointOverride(endpoint)
                    .temporarySecurityGroupSourceCidrs("127.0.0.0/8")
                    .sshTimeout(Duration.ofSeconds(60))
                    .waits(Waits.all(WaitTime.of(Duration.ofMillis(200), Duration.ofMinutes(2))));
        }
        // On AWS the temporary group opens SSH only to this machine's public address (/32), not 0.0.0.0/0.
        return ebs.temporarySecurityGroupSourcePublicIpFrom(CHECK_IP);
    }

    /**
     * The addresses allowed to reach the SSH port of a test instance: loopback for LocalEc2; on AWS this
     * machine's public address (/32), asked of {@code checkip.amazonaws.com}.
     */
    public String sshSourceCidr() {
        if (localCloud) {
            return "127.0.0.0/8";
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
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return localCloud ? "LocalEc2 at " + endpoint + " (" + region + ")" : "AWS " + region;
    }
}
