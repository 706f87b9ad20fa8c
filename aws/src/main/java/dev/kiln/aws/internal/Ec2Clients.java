package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbs;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The EC2 client of each region a build touches: the caller's own clients when injected (never closed here),
 * else clients built once per region with the configured credentials, endpoint and SDK retry strategy, on the
 * SDK's URLConnection HTTP client (a few EC2 calls a second need no connection pool, and it starts faster),
 * wrapped so that a cancel cuts a request short ({@link PromptHttpClient}). An injected client's calls are only as
 * prompt to cancel as its own HTTP client.
 */
public final class Ec2Clients implements AutoCloseable {
    private final AmazonEbs config;
    private final Map<String, Ec2Client> built = new ConcurrentHashMap<>();
    private volatile SdkHttpClient http;
    private volatile AwsCredentialsProvider credentials;

    public Ec2Clients(AmazonEbs config) {
        this.config = config;
        if (config.ec2Clients() == null && config.ec2Client() == null) {
            SdkPreload.start();
        }
    }

    /** The client for a region. */
    public Ec2Client forRegion(String region) {
        if (config.ec2Clients() != null) {
            return config.ec2Clients().apply(region);
        }
        if (config.ec2Client() != null) {
            return config.ec2Client();
        }
        return built.computeIfAbsent(region, this::build);
    }

    private Ec2Client build(String region) {
        Ec2ClientBuilder b = Ec2Client.builder()
                .httpClient(http())
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .overrideConfiguration(o -> o.retryStrategy(
                        AwsRetryStrategy.forRetryMode(config.retryMode()).toBuilder()
                                .maxAttempts(config.maxAttempts()).build()));
        if (config.endpointOverride() != null) {
            b.endpointOverride(config.endpointOverride());
        }
        return b.build();
    }

    /** One HTTP client for every region's EC2 client, whose requests a cancel cuts short. */
    private synchronized SdkHttpClient http() {
        if (http == null) {
            http = new PromptHttpClient(UrlConnectionHttpClient.builder().build());
        }
        return http;
    }

    private synchronized AwsCredentialsProvider credentials() {
        if (credentials == null) {
            credentials = config.credentials().provider(config.region(), null);
        }
        return credentials;
    }

    /** Closes the clients built here and their credentials provider. */
    @Override
    public void close() {
        built.values().forEach(Ec2Client::close);
        built.clear();
        if (http != null) {
            http.close();
        }
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
