package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A lost answer: LocalEc2 acts, then closes the connection unanswered. Seen through the real SDK client with
 * both of its blocking HTTP clients: Apache (the SDK's default) and URLConnection (the one Kiln uses).
 */
class LocalEc2LostAnswersTest extends FreshLocalEc2 {
    private static final String IMAGE = "ami-0e6d2e8684d4ccb3e";

    static Stream<SdkHttpClient.Builder<?>> httpClients() {
        return Stream.of(ApacheHttpClient.builder(), UrlConnectionHttpClient.builder());
    }

    private Ec2Client clientOver(SdkHttpClient.Builder<?> http) {
        return Ec2Clients.builder(ec2, "us-east-1").httpClientBuilder(http).build();
    }

    private Ec2Client withoutRetries(SdkHttpClient.Builder<?> http) {
        return Ec2Clients.oneAttempt(Ec2Clients.builder(ec2, "us-east-1").httpClientBuilder(http)).build();
    }

    @ParameterizedTest
    @MethodSource("httpClients")
    void theClientSeesTheConnectionEndWhileTheResourceExists(SdkHttpClient.Builder<?> http) {
        try (Ec2Client once = withoutRetries(http)) {
            once.describeRegions(); // a kept-alive connection first: its reuse must not hide the loss either
            ec2.faults().loseAnswers("CreateSecurityGroup", 1);
            SdkClientException lost = catchThrowableOfType(SdkClientException.class,
                    () -> once.createSecurityGroup(r -> r.groupName("lost").description("d")));
            assertThat(lost).as("an I/O error, not an EC2 error").isNotNull().hasCauseInstanceOf(IOException.class);

            String group = once.describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values("lost")))
                    .securityGroups().get(0).groupId();
            assertThat(ec2.calls("CreateSecurityGroup")).singleElement()
                    .satisfies(c -> assertThat(c.createdIds()).containsExactly(group));
            assertThat(ec2.leaks()).extracting(Leak::type, Leak::id).containsExactly(tuple("security-group", group));
            assertThat(once.createSecurityGroup(r -> r.groupName("next").description("d")).groupId())
                    .as("only the next call loses its answer").isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("httpClients")
    void theSdksRetryArrivesAsASecondCallAndGetsTheFirstInstance(SdkHttpClient.Builder<?> http) {
        try (Ec2Client sdk = clientOver(http)) {
            ec2.faults().loseAnswers("RunInstances", 1);
            String id = sdk.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1)).instances().get(0).instanceId();

            assertThat(ec2.calls("RunInstances")).hasSize(2).allSatisfy(c -> assertThat(c.failed()).isFalse());
            Ec2Call first = ec2.calls("RunInstances").get(0);
            Ec2Call retry = ec2.calls("RunInstances").get(1);
            assertThat(first.createdIds()).startsWith(id);
            assertThat(retry.createdIds()).as("the retry creates nothing").isEmpty();
            assertThat(retry.param("ClientToken")).as("the SDK sends a token of its own").isNotBlank()
                    .isEqualTo(first.param("ClientToken"));
            assertThat(ec2.leaks()).extracting(Leak::type).containsExactlyInAnyOrder("instance", "volume");
        }
    }

    @Test
    void aDelayedCallCanLoseItsAnswerAndItsInstanceIsALeak() {
        ec2.faults().delay("RunInstances", Duration.ofMillis(300)).loseAnswers("RunInstances", 1);
        try (Ec2Client once = Ec2Clients.withoutRetries(ec2, "us-east-1")) {
            long start = System.nanoTime();
            SdkClientException lost = catchThrowableOfType(SdkClientException.class,
                    () -> once.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1)));
            assertThat(lost).isNotNull().hasCauseInstanceOf(IOException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

            String id = ec2.calls("RunInstances").get(0).createdIds().get(0);
            assertThat(ec2.leaks()).extracting(Leak::type, Leak::id).contains(tuple("instance", id));
            once.terminateInstances(r -> r.instanceIds(id));
            waiter.waitUntilInstanceTerminated(r -> r.instanceIds(id));
            assertThat(ec2.leaks()).isEmpty();
        }
    }

    @Test
    void clearKeepsEveryAnswer() {
        ec2.faults().loseAnswers("DescribeRegions", 2).clear();
        try (Ec2Client once = Ec2Clients.withoutRetries(ec2, "us-east-1")) {
            assertThat(once.describeRegions().regions()).isNotEmpty();
        }
    }
}
