package dev.kiln.testkit.ec2;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** The real AWS SDK v2 client, pointed at a LocalEc2. */
public final class Ec2Clients {
    private Ec2Clients() {
    }

    public static Ec2Client client(LocalEc2 ec2, String region) {
        return builder(ec2, region).build();
    }

    /** A client that makes one attempt per call, so a test sees each fault instead of the SDK's retry. */
    public static Ec2Client withoutRetries(LocalEc2 ec2, String region) {
        return oneAttempt(builder(ec2, region)).build();
    }

    /** Sets {@code builder} to make one attempt per call. */
    static Ec2ClientBuilder oneAttempt(Ec2ClientBuilder builder) {
        return builder.overrideConfiguration(o -> o.retryStrategy(s -> s.maxAttempts(1)));
    }

    /** A client builder with the endpoint, region and dummy keys set, for a test that sets more. */
    static Ec2ClientBuilder builder(LocalEc2 ec2, String region) {
        return Ec2Client.builder()
                .endpointOverride(ec2.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ec2.accessKeyId(), ec2.secretAccessKey())));
    }

    /** The SDK's own waiters, polling every 50 ms instead of 15 s. */
    static Ec2Waiter waiter(Ec2Client client) {
        return Ec2Waiter.builder().client(client)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(50)))
                        .maxAttempts(200)
                        .build())
                .build();
    }
}
