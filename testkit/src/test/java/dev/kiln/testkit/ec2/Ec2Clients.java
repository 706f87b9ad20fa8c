package dev.kiln.testkit.ec2;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** The real AWS SDK v2 client, pointed at a LocalEc2. */
final class Ec2Clients {
    private Ec2Clients() {
    }

    static Ec2Client client(LocalEc2 ec2, String region) {
        return Ec2Client.builder()
                .endpointOverride(ec2.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ec2.accessKeyId(), ec2.secretAccessKey())))
                .build();
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
