package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.kiln.core.Secret;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;

class AmazonEbsValidationTest {
    private final Ec2Client ec2 = mock(Ec2Client.class);

    private AmazonEbs.Builder valid() {
        return AmazonEbs.builder()
                .region("us-east-1")
                .ec2Client(ec2)
                .sourceAmi("ami-0abcdef1234567890")
                .instanceType("t2.micro")
                .sshUsername("ec2-user")
                .amiName("packer-base-1605712345");
    }

    @Test
    void aCompleteConfigurationHasNoProblem() {
        assertThat(valid().build().validate()).isEmpty();
        assertThat(valid().sourceAmi(null).sourceAmiFilter(f -> f.owners("amazon").name("amzn2-ami-hvm-*").mostRecent(true))
                .amiRegions("us-west-2").ec2Client(null).ec2Clients(region -> ec2)
                .temporarySecurityGroupSourceCidrs("203.0.113.7/32").encryptBoot(true).kmsKeyId("alias/images")
                .regionKmsKeyIds(Map.of("us-west-2", "alias/images-west")).forceDeregister(true).forceDeleteSnapshot(true)
                .build().validate()).isEmpty();
        verifyNoInteractions(ec2);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("no region", b -> b.region(null), "region", "is not set"),
                bad("bad region name", b -> b.region("US East"), "region", "'US East' is not an AWS region"),
                bad("both source id and filter", b -> b.sourceAmiFilter(f -> f.owners("amazon").name("x*")),
                        "sourceAmi", "is set together with sourceAmiFilter"),
                bad("neither source id nor filter", b -> b.sourceAmi(null), "sourceAmi", "is not set, nor is sourceAmiFilter"),
                bad("source id and upstream image", b -> b.sourceAmiFromImage("base"), "sourceAmi",
                        "is set together with sourceAmiFromImage"),
                bad("filter and upstream image", b -> b.sourceAmi(null).sourceAmiFromImage("base")
                        .sourceAmiFilter(f -> f.owners("amazon").name("x*")), "sourceAmiFilter",
                        "is set together with sourceAmiFromImage"),
                bad("blank upstream image", b -> b.sourceAmi(null).sourceAmiFromImage(" "), "sourceAmiFromImage",
                        "is blank"),
                bad("malformed source AMI id", b -> b.sourceAmi("ubuntu-22.04"), "sourceAmi", "is not an AMI id"),
                bad("filter without owners", b -> b.sourceAmi(null).sourceAmiFilter(f -> f.name("amzn2-*")),
                        "sourceAmiFilter.owners", "is empty"),
                bad("filter without criteria", b -> b.sourceAmi(null).sourceAmiFilter(f -> f.owners("self")),
                        "sourceAmiFilter", "has neither a name pattern nor a filter"),
                bad("AMI name too short", b -> b.amiName("ab"), "amiName", "'ab' is not a valid AMI name"),
                bad("AMI name too long", b -> b.amiName("a".repeat(129)), "amiName", "is not a valid AMI name"),
                bad("AMI name with a bad character", b -> b.amiName("base:{{timestamp}}"), "amiName",
                        "'base:{{timestamp}}' is not a valid AMI name"),
                bad("no AMI name", b -> b.amiName(null), "amiName", "is not set"),
                bad("no instance type", b -> b.instanceType(null), "instanceType", "is not set"),
                bad("bad CIDR", b -> b.temporarySecurityGroupSourceCidrs("198.51.100.0/33"),
                        "temporarySecurityGroupSourceCidrs", "'198.51.100.0/33' is not an IPv4 CIDR"),
                bad("CIDR without prefix", b -> b.temporarySecurityGroupSourceCidrs("203.0.113.7"),
                        "temporarySecurityGroupSourceCidrs", "'203.0.113.7' is not an IPv4 CIDR"),
                bad("missing user data file", b -> b.userDataFile(Path.of("/nonexistent/kiln/user-data.sh")),
                        "userDataFile", "is not a readable file"),
                bad("user data twice", b -> b.userData("#!/bin/sh").userDataFile(Path.of("pom.xml")), "userData",
                        "is set together with userDataFile"),
                bad("port zero", b -> b.sshPort(0), "sshPort", "is 0, not a TCP port"),
                bad("port too high", b -> b.sshPort(70000), "sshPort", "is 70000, not a TCP port"),
                bad("empty ssh user", b -> b.sshUsername(""), "sshUsername", "is empty"),
                bad("kms key without encryption", b -> b.kmsKeyId("alias/images"), "kmsKeyId",
                        "is set but encryptBoot is not true"),
                bad("duplicate ami region", b -> b.ec2Client(null).ec2Clients(r -> null).amiRegions("us-west-2", "us-west-2"),
                        "amiRegions", "lists us-west-2 twice"),
                bad("ami region is the build region", b -> b.ec2Client(null).ec2Clients(r -> null).amiRegions("us-east-1"),
                        "amiRegions", "lists the build region us-east-1"),
                bad("negative ssh timeout", b -> b.sshTimeout(Duration.ofSeconds(-5)), "sshTimeout",
                        "not a positive duration"),
                bad("negative image wait", b -> b.waits(w -> w.imageAvailable(WaitTime.of(Duration.ofSeconds(5),
                        Duration.ofMinutes(-1)))), "waits.imageAvailable.maxWait", "not positive"),
                bad("poll longer than wait", b -> b.waits(w -> w.instanceRunning(WaitTime.of(Duration.ofMinutes(2),
                        Duration.ofMinutes(1)))), "waits.instanceRunning", "polls every PT2M but waits at most PT1M"),
                bad("force-delete-snapshot without force-deregister", b -> b.forceDeleteSnapshot(true),
                        "forceDeleteSnapshot", "is set without forceDeregister"),
                bad("ssh interface and host", b -> b.sshInterface(SshInterface.PRIVATE_IP).sshHost("127.0.0.1"),
                        "sshHost", "is set together with sshInterface PRIVATE_IP"),
                bad("existing key without private key", b -> b.keyPair(KeyPairConfig.existing("build-key", Secret.of(""))),
                        "keyPair", "existing key pair 'build-key' has no private key"),
                bad("existing groups and temporary CIDRs", b -> b.securityGroupIds("sg-0123456789abcdef0")
                        .temporarySecurityGroupSourceCidrs("203.0.113.7/32"), "temporarySecurityGroupSourceCidrs",
                        "securityGroupIds means no temporary group is made"),
                bad("malformed security group id", b -> b.securityGroupIds("default"), "securityGroupIds",
                        "'default' is not a security group id"),
                bad("CIDRs and check URL", b -> b.temporarySecurityGroupSourceCidrs("203.0.113.7/32")
                        .temporarySecurityGroupSourcePublicIpFrom(URI.create("http://127.0.0.1:1/ip")),
                        "temporarySecurityGroupSourcePublicIpFrom", "is set together with temporarySecurityGroupSourceCidrs"),
                bad("check URL not http", b -> b.temporarySecurityGroupSourcePublicIpFrom(URI.create("ftp://127.0.0.1/ip")),
                        "temporarySecurityGroupSourcePublicIpFrom", "is not an http(s) URL"),
                bad("malformed subnet id", b -> b.subnetId("public-a"), "subnetId", "'public-a' is not a subnet id"),
                bad("single client with copy regions", b -> b.amiRegions("us-west-2"), "ec2Client",
                        "serves one region but amiRegions asks for [us-west-2]"),
                bad("injected client and endpoint", b -> b.endpointOverride(URI.create("http://127.0.0.1:4566")),
                        "endpointOverride", "is set together with an injected EC2 client"),
                bad("zero attempts", b -> b.maxAttempts(0), "maxAttempts", "is 0, below 1"),
                bad("legacy retry mode", b -> b.retryMode(RetryMode.LEGACY), "retryMode", "is LEGACY"),
                bad("skip-if-exists without an image", b -> b.skipCreateImage(true).skipIfExists(true), "skipIfExists",
                        "is set together with skipCreateImage"),
                bad("reserved tag key", b -> b.amiTag("kiln:fingerprint", "x"), "amiTags",
                        "uses the reserved tag key 'kiln:fingerprint'"),
                bad("bad account id", b -> b.amiUsers("12345"), "amiUsers", "'12345' is not an account id"),
                bad("block device without name", b -> b.addLaunchBlockDevice(d -> d.volumeSize(20)),
                        "launchBlockDevices[0].deviceName", "is not set"),
                bad("block device of size zero", b -> b.addAmiBlockDevice(d -> d.deviceName("/dev/sdb").volumeSize(0)),
                        "amiBlockDevices[0].volumeSize", "is 0 GiB"),
                bad("hop limit out of range", b -> b.metadataOptions(new MetadataOptions(true, true, 0, false)),
                        "metadataOptions.hopLimit", "is 0"),
                bad("terminate on shutdown", b -> b.shutdownBehavior(ShutdownBehavior.TERMINATE), "shutdownBehavior",
                        "is TERMINATE"),
                bad("no temporary key type", b -> b.temporaryKeyPairType(null), "temporaryKeyPairType", "is null"),
                bad("kms key for an unknown region", b -> b.encryptBoot(true).regionKmsKeyIds(Map.of("eu-west-1", "k")),
                        "regionKmsKeyIds", "has a key for eu-west-1, which the AMI is not copied to"),
                bad("bad role ARN", b -> b.ec2Client(null).credentials(AwsCredentialsSource.assumeRole("builder", "kiln",
                        AwsCredentialsSource.defaultChain())), "credentials", "has role ARN 'builder', not an IAM role ARN"),
                bad("host key from console and a policy", b -> b.sshHostKeyFromConsole(true)
                        .sshHostKeyPolicy(dev.kiln.ssh.HostKeyPolicy.acceptAny()), "sshHostKeyFromConsole",
                        "is set together with sshHostKeyPolicy"),
                bad("unknown launch group", b -> b.amiGroups("everyone"), "amiGroups", "'everyone' is not a launch group"),
                bad("empty static keys", b -> b.ec2Client(null).credentials(AwsCredentialsSource.staticKeys(Secret.of(""),
                        Secret.of("x"))), "credentials", "has an empty access key id or secret key"));
    }

    private static Arguments bad(String name, UnaryOperator<AmazonEbs.Builder> change, String field, String message) {
        return Arguments.of(name, change, field, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void eachInvalidConfigurationIsNamedWithAFixAndNothingIsCalled(String name, UnaryOperator<AmazonEbs.Builder> change,
            String field, String message) {
        List<Problem> problems = change.apply(valid()).build().validate();

        assertThat(problems).as(name).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.problem()).contains(message);
            assertThat(p.fix()).isNotBlank();
        });
        verifyNoInteractions(ec2);
    }

    static Stream<Arguments> misspelt() {
        return Stream.of(
                typo("transposed letters in a type", b -> b.instanceType("t2.mirco"), "instanceType",
                        "'t2.mirco' is not an EC2 instance type", "did you mean t2.micro?"),
                typo("a type in capitals", b -> b.instanceType("T3.MICRO"), "instanceType",
                        "'T3.MICRO' is not an EC2 instance type", "did you mean t3.micro?"),
                typo("a type missing a letter", b -> b.instanceType("m5.xlarg"), "instanceType",
                        "'m5.xlarg' is not an EC2 instance type", "did you mean m5.xlarge?"),
                typo("transposed letters in a region", b -> b.region("us-esat-1"), "region",
                        "'us-esat-1' is not an AWS region", "did you mean us-east-1?"),
                typo("a region number that does not exist", b -> b.region("us-east-3"), "region",
                        "'us-east-3' is not an AWS region", "did you mean us-east-1 or us-east-2?"),
                typo("a region in capitals", b -> b.region("EU-WEST-2"), "region",
                        "'EU-WEST-2' is not an AWS region", "did you mean eu-west-2?"),
                typo("a region without hyphens", b -> b.region("euwest1"), "region",
                        "'euwest1' is not an AWS region", "did you mean eu-west-1?"),
                typo("a copy region", b -> b.ec2Client(null).ec2Clients(r -> null).amiRegions("us-wset-2"), "amiRegions",
                        "'us-wset-2' is not an AWS region", "did you mean us-west-2?"),
                typo("a KMS key's region", b -> b.ec2Client(null).ec2Clients(r -> null).amiRegions("eu-west-1")
                        .encryptBoot(true).regionKmsKeyIds(Map.of("eu-wset-1", "alias/images")), "regionKmsKeyIds",
                        "'eu-wset-1' is not an AWS region", "did you mean eu-west-1?"));
    }

    private static Arguments typo(String name, UnaryOperator<AmazonEbs.Builder> change, String field, String problem,
            String fix) {
        return Arguments.of(name, change, field, problem, fix);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misspelt")
    void aMisspeltEc2NameFailsWithTheClosestKnownName(String name, UnaryOperator<AmazonEbs.Builder> change,
            String field, String problem, String fix) {
        List<Problem> problems = change.apply(valid()).build().validate();

        assertThat(problems).as(name).containsExactly(new Problem(field, problem, fix));
        verifyNoInteractions(ec2);
    }

    @Test
    void aNameFarFromEveryKnownOneSaysWhereToFindValidNames() {
        List<Problem> problems = valid().region("mars-north-1").instanceType("huge").build().validate();

        assertThat(problems).extracting(Problem::field).containsExactly("region", "instanceType");
        assertThat(problems.get(0).fix()).doesNotContain("did you mean").contains("Region.regions()", "us-east-1",
                "endpointOverride");
        assertThat(problems.get(1).fix()).doesNotContain("did you mean").contains("InstanceType.knownValues()",
                "https://aws.amazon.com/ec2/instance-types/");
    }

    @Test
    void everyPartitionsRegionsAreKnownButNotTheGlobalPseudoRegions() {
        for (String region : List.of("cn-north-1", "us-gov-west-1", "eu-central-2", "ap-southeast-5")) {
            assertThat(valid().region(region).build().validate()).as(region).isEmpty();
        }
        assertThat(valid().region("aws-global").build().validate()).extracting(Problem::problem)
                .containsExactly("'aws-global' is not an AWS region");
    }

    @Test
    void misspeltNamesAreReportedWithEveryOtherProblem() {
        List<Problem> problems = valid().region("us-esat-1").instanceType("t2.mirco").sshPort(0).amiName(null)
                .ec2Client(null).ec2Clients(r -> ec2).amiRegions("eu-wset-1", "us-west-2", "us-west-2")
                .build().validate();

        assertThat(problems).extracting(Problem::field, Problem::fix).contains(
                tuple("region", "did you mean us-east-1?"),
                tuple("instanceType", "did you mean t2.micro?"),
                tuple("amiRegions", "did you mean eu-west-1?"));
        assertThat(problems).extracting(Problem::field).contains("sshPort", "amiName");
        assertThat(problems).extracting(Problem::problem).contains("lists us-west-2 twice");
        verifyNoInteractions(ec2);
    }

    @Test
    void anEndpointOverrideAcceptsItsOwnNamesWithAWarning() {
        AmazonEbs ebs = valid().ec2Client(null).endpointOverride(URI.create("http://127.0.0.1:4566"))
                .region("garage-1").instanceType("t2.mirco").amiRegions("garage-2").build();
        AmazonEbsValidation validation = new AmazonEbsValidation(ebs);

        assertThat(validation.problems()).isEmpty();
        assertThat(validation.warnings()).containsExactly(
                "region: 'garage-1' is not an AWS region; accepted because endpointOverride http://127.0.0.1:4566"
                        + " may have its own names",
                "instanceType: 't2.mirco' is not an EC2 instance type (did you mean t2.micro?); accepted because"
                        + " endpointOverride http://127.0.0.1:4566 may have its own names",
                "amiRegions: 'garage-2' is not an AWS region; accepted because endpointOverride http://127.0.0.1:4566"
                        + " may have its own names");
        AmazonEbsValidation known = new AmazonEbsValidation(ebs.toBuilder().region("us-east-1").instanceType("t2.micro")
                .amiRegions("us-west-2").build());
        assertThat(known.problems()).isEmpty();
        assertThat(known.warnings()).isEmpty();
    }

    @Test
    void anEndpointOverrideStillRefusesARegionThatIsNoName() {
        List<Problem> problems = valid().ec2Client(null).endpointOverride(URI.create("http://127.0.0.1:4566"))
                .region("US East").build().validate();

        assertThat(problems).containsExactly(new Problem("region", "'US East' is not a region name",
                "name the endpoint's region in lowercase letters, digits and hyphens, e.g. us-east-1"));
    }

    @Test
    void aMisspeltBuildMakesNoEc2Call() throws Exception {
        try (LocalEc2Fixture local = new LocalEc2Fixture(); Ec2Client client = local.client("us-east-1")) {
            AmazonEbs ebs = local.seedBuild("kiln-typo").endpointOverride(null)
                    .credentials(AwsCredentialsSource.defaultChain()).ec2Client(client)
                    .region("us-esat-1").instanceType("t2.mirco").build();
            ImageSpec spec = ImageSpec.builder("typo").source(ebs)
                    .provision(Provisioners.shell().inline("true").build()).build();

            assertThatThrownBy(() -> Kiln.builder().build().start(spec))
                    .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
                            .extracting(Problem::fix).contains("did you mean us-east-1?", "did you mean t2.micro?"));
            assertThat(local.ec2.calls()).isEmpty();
        }
    }

    @Test
    void anUpstreamImageIsAValidSourceAndTheImageItStartsFrom() {
        AmazonEbs app = valid().sourceAmi(null).sourceAmiFromImage("base").build();

        assertThat(app.validate()).isEmpty();
        assertThat(app.upstreamImages()).containsExactly("base");
        assertThat(app.toBuilder().build().sourceAmiFromImage()).isEqualTo("base");
        assertThat(valid().build().upstreamImages()).isEmpty();
        assertThat(valid().sourceAmiFromImage("base").build().validate()).anySatisfy(p ->
                assertThat(p.fix()).contains("set only one of sourceAmi, sourceAmiFilter and sourceAmiFromImage"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<Problem> problems = AmazonEbs.builder().sshPort(-1).forceDeleteSnapshot(true).build().validate();

        assertThat(problems).extracting(Problem::field).contains("region", "sourceAmi", "instanceType", "sshUsername",
                "sshPort", "amiName", "forceDeleteSnapshot");
    }

    @Test
    void secretsNeverShowInToString() {
        AmazonEbs ebs = valid().ec2Client(null)
                .credentials(AwsCredentialsSource.staticKeys(Secret.of("AKIACANARY1234"), Secret.of("canary-secret-key")))
                .keyPair(KeyPairConfig.existing("build-key", Secret.of("-----BEGIN canary private key")))
                .build();

        assertThat(ebs.toString()).doesNotContain("AKIACANARY1234", "canary-secret-key", "canary private key");
        assertThat(ebs.credentials().secrets()).extracting(Secret::reveal)
                .containsExactly("AKIACANARY1234", "canary-secret-key");
    }
}
