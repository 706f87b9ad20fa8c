package dev.kiln.testkit.ec2;

import static dev.kiln.testkit.ec2.Ec2Errors.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.KeyType;

/**
 * LocalEc2 refuses what EC2 refuses, with EC2's code, message and HTTP status, as the real SDK sees it; and the same
 * request made valid is accepted from an independent client, the AWS CLI.
 */
class LocalEc2StrictTest {
    private static final String AMAZON_LINUX = BaseImage.AMAZON_LINUX_2.id();
    private static final String WINDOWS = BaseImage.WINDOWS_SERVER_2019.id();
    private static final BaseImage DEBIAN_IN_IRELAND = BaseImage.builder().id("ami-0123456789abcdef0")
            .name("debian-10-amd64-20201207").ownerId("136693071363").defaultUser("admin").regions("eu-west-1").build();

    static LocalEc2 ec2;
    static Ec2Client east;
    static AwsCli cli;
    @TempDir
    static Path home;

    @BeforeAll
    static void start() {
        ec2 = LocalEc2.builder().machineHost(new FakeMachineHost()).baseImage(DEBIAN_IN_IRELAND)
                .baseImage(BaseImage.WINDOWS_SERVER_2019).start();
        east = Ec2Clients.withoutRetries(ec2, "us-east-1");
        cli = new AwsCli(ec2, home);
    }

    @AfterAll
    static void stop() {
        east.close();
        ec2.close();
    }

    @Test
    void anInstanceTypeEc2DoesNotHaveIsAnInvalidValue() throws Exception {
        Ec2Exception typo = assertError(() -> east.runInstances(r -> r.imageId(AMAZON_LINUX).instanceType("t2.mirco")
                .minCount(1).maxCount(1)), "InvalidParameterValue", 400);
        assertThat(messageOf(typo)).isEqualTo("Invalid value 't2.mirco' for InstanceType.");

        assertThat(cli.ok("run-instances", "--image-id", AMAZON_LINUX, "--instance-type", "t2.micro", "--count", "1",
                "--query", "Instances[0].InstanceType")).isEqualTo("t2.micro");
    }

    @Test
    void aRegionAwsDoesNotHaveFailsAtTheEndpoint() throws Exception {
        try (Ec2Client typo = Ec2Clients.withoutRetries(ec2, "us-esat-1")) {
            Ec2Exception e = assertError(typo::describeImages, "SignatureDoesNotMatch", 403);
            assertThat(messageOf(e)).isEqualTo("Credential should be scoped to a valid region, not 'us-esat-1'.");
        }
        assertThat(ec2.calls()).filteredOn(c -> c.region().equals("us-esat-1")).extracting(Ec2Call::errorCode)
                .containsExactly("SignatureDoesNotMatch");

        assertThat(cli.ok("describe-images", "--region", "us-east-1", "--image-ids", AMAZON_LINUX,
                "--query", "Images[0].ImageId")).isEqualTo(AMAZON_LINUX);
    }

    @Test
    void aRegionLocalEc2DoesNotServeAnswersAsAnOptInRegionNotEnabled() throws Exception {
        try (Ec2Client canada = Ec2Clients.withoutRetries(ec2, "ca-central-1")) {
            Ec2Exception e = assertError(canada::describeInstances, "AuthFailure", 401);
            assertThat(messageOf(e)).isEqualTo("AWS was not able to validate the provided access credentials");
        }

        assertThat(cli.ok("describe-regions", "--all-regions", "--region-names", "us-east-1", "ca-central-1",
                "--query", "Regions[].[RegionName,OptInStatus]").lines())
                .containsExactly("us-east-1\topt-in-not-required", "ca-central-1\tnot-opted-in");
    }

    @Test
    void aBaseImageIsOnlyInItsRegionsAndCopyImageTakesItToAnother() throws Exception {
        String debian = DEBIAN_IN_IRELAND.id();
        String notHere = "The image id '[" + debian + "]' does not exist";
        Ec2Exception described = assertError(() -> east.describeImages(r -> r.imageIds(debian)), "InvalidAMIID.NotFound", 400);
        assertThat(messageOf(described)).isEqualTo(notHere);
        Ec2Exception run = assertError(() -> east.runInstances(r -> r.imageId(debian).instanceType("t3.micro")
                .minCount(1).maxCount(1)), "InvalidAMIID.NotFound", 400);
        assertThat(messageOf(run)).isEqualTo(notHere);

        assertThat(cli.ok("describe-images", "--region", "eu-west-1", "--image-ids", debian, "--query", "Images[0].Name"))
                .isEqualTo(DEBIAN_IN_IRELAND.name());
        String copy = cli.ok("copy-image", "--region", "us-east-1", "--source-region", "eu-west-1",
                "--source-image-id", debian, "--name", "debian-in-virginia", "--query", "ImageId");
        assertThat(east.describeImages(r -> r.imageIds(copy)).images()).singleElement()
                .satisfies(image -> assertThat(image.sourceImageId()).isEqualTo(debian));
    }

    @Test
    void aWindowsImageRefusesAnEd25519KeyPair() throws Exception {
        east.createKeyPair(r -> r.keyName("ed").keyType(KeyType.ED25519));
        Ec2Exception e = assertError(() -> east.runInstances(r -> r.imageId(WINDOWS).instanceType("t3.micro").keyName("ed")
                .minCount(1).maxCount(1)), "Unsupported", 400);
        assertThat(messageOf(e)).isEqualTo("ED25519 key pairs are not supported with Windows AMIs. "
                + "Choose a different key pair type and try again.");

        cli.ok("create-key-pair", "--key-name", "rsa-for-windows", "--query", "KeyName");
        assertThat(cli.ok("run-instances", "--image-id", WINDOWS, "--instance-type", "t3.micro", "--key-name",
                "rsa-for-windows", "--count", "1", "--query", "Instances[0].Platform")).isEqualTo("windows");
    }

    @Test
    void importKeyPairRefusesTheKeysEc2Refuses() throws Exception {
        Map<String, String> refused = Map.of("ecdsa", PublicKeyLines.ecdsa(), "dsa", PublicKeyLines.dsa(),
                "rsa-1536", PublicKeyLines.rsa(1536), "rsa-3072", PublicKeyLines.rsa(3072));
        refused.forEach((name, line) -> {
            Ec2Exception e = assertError(() -> east.importKeyPair(r -> r.keyName(name)
                    .publicKeyMaterial(SdkBytes.fromUtf8String(line))), "InvalidKey.Format", 400);
            assertThat(messageOf(e)).as(name).isEqualTo("Key is not in valid OpenSSH public key format");
        });
        String rsa1024 = PublicKeyLines.rsa(1024);
        east.importKeyPair(r -> r.keyName("rsa-1024").publicKeyMaterial(SdkBytes.fromUtf8String(rsa1024)));

        Path rsa = Files.writeString(home.resolve("rsa-2048.pub"), PublicKeyLines.rsa(2048));
        assertThat(cli.ok("import-key-pair", "--key-name", "rsa-2048", "--public-key-material", "fileb://" + rsa,
                "--query", "KeyName")).isEqualTo("rsa-2048");
    }

    @Test
    void describeCallsPageWithMaxResultsAndNextTokenAsEc2Documents() throws Exception {
        try (Ec2Client west = Ec2Clients.withoutRetries(ec2, "us-west-1")) {
            for (int n = 0; n < 6; n++) {
                String name = "paged-" + n;
                west.createSecurityGroup(r -> r.groupName(name).description("paging"));
            }
            Ec2Exception tooFew = assertError(() -> west.describeSecurityGroups(r -> r.maxResults(3)),
                    "InvalidParameterValue", 400);
            assertThat(messageOf(tooFew))
                    .isEqualTo("Value ( 3 ) for parameter maxResults is invalid. Expecting a value greater than 5.");
            Ec2Exception withIds = assertError(() -> west.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")
                    .maxResults(5)), "InvalidParameterCombination", 400);
            assertThat(messageOf(withIds)).isEqualTo("The parameter instancesSet cannot be used with the parameter maxResults");
            Ec2Exception badToken = assertError(() -> west.describeSecurityGroups(r -> r.nextToken("not-a-token")),
                    "InvalidPaginationToken", 400);
            assertThat(messageOf(badToken)).isEqualTo("The specified pagination token is not valid or is expired.");

            var first = west.describeSecurityGroups(r -> r.maxResults(5));
            assertThat(first.securityGroups()).hasSize(5);
            assertThat(first.nextToken()).isNotNull();
            assertThat(west.describeSecurityGroupsPaginator(r -> r.maxResults(5)).securityGroups().stream())
                    .extracting(g -> g.groupName()).hasSize(7).doesNotHaveDuplicates();
        }

        // the CLI follows NextToken itself; in text output each page prints its own line
        assertThat(cli.ok("describe-security-groups", "--region", "us-west-1", "--page-size", "5",
                "--query", "SecurityGroups[].GroupName").split("\\s+")).hasSize(7).doesNotHaveDuplicates();
        assertThat(ec2.calls("DescribeSecurityGroups")).filteredOn(c -> c.region().equals("us-west-1") && !c.failed())
                .extracting(c -> c.param("NextToken") != null).contains(true);
    }

    /** End to end; RegionLockTest shows the lock order deterministically. */
    @Test
    void copiesBetweenTwoRegionsInBothDirectionsAtOnceAllFinish() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Ec2Client west = Ec2Clients.client(ec2, "us-west-2"); Ec2Client eastWithRetries = Ec2Clients.client(ec2, "us-east-1")) {
            List<Future<String>> copies = new ArrayList<>();
            for (int n = 0; n < 10; n++) {
                String suffix = String.valueOf(n);
                copies.add(pool.submit(() -> west.copyImage(r -> r.sourceRegion("us-east-1").sourceImageId(AMAZON_LINUX)
                        .name("to-west-" + suffix)).imageId()));
                copies.add(pool.submit(() -> eastWithRetries.copyImage(r -> r.sourceRegion("us-west-2")
                        .sourceImageId(AMAZON_LINUX).name("to-east-" + suffix)).imageId()));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> copy : copies) {
                ids.add(copy.get(60, TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(20).doesNotHaveDuplicates().allMatch(id -> id.matches("ami-[0-9a-f]{17}"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRegionTheSdkDoesNotKnowIsRefusedWhenConfigured() {
        assertThatThrownBy(() -> LocalEc2.builder().regions(List.of("us-east-1", "us-esat-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[us-esat-1]")
                .hasMessageContaining("Region.regions()");
        assertThatThrownBy(() -> DEBIAN_IN_IRELAND.toBuilder().regions("eu-wset-1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("BaseImage.regions: [eu-wset-1]");
    }

    private static String messageOf(Ec2Exception e) {
        return e.awsErrorDetails().errorMessage();
    }
}
