package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kiln.core.run.Outcome;
import dev.kiln.core.run.SourceResult;
import dev.kiln.ssh.HostKeyPolicy;
import dev.kiln.ssh.SshKeyPair;
import dev.kiln.ssh.SshKeys;
import dev.kiln.testkit.ec2.Ec2Call;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Connection, security group and error options, each in a real build against LocalEc2. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AmazonEbsOptionsTest extends LocalEc2BuildSupport {

    /** Builds with the temporary group's source taken from a local check URL answering {@code answer}. */
    private SourceResult buildWithCheckUrl(String answer) throws Exception {
        HttpServer server = checkIpServer(answer);
        try {
            URI check = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            return build(spec(ebs().temporarySecurityGroupSourceCidrs(List.of())
                    .temporarySecurityGroupSourcePublicIpFrom(check).build(), "true"));
        } finally {
            server.stop(0);
        }
    }

    private static HttpServer checkIpServer(String answer) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static List<String> ingressCidrs() {
        List<Ec2Call> calls = local.ec2.calls("AuthorizeSecurityGroupIngress");
        return calls.get(calls.size() - 1).params().entrySet().stream().filter(e -> e.getKey().endsWith("CidrIp"))
                .map(e -> e.getValue()).toList();
    }

    @Test
    void theDefaultOpensSshToEveryoneAndWarnsWithTheOptionThatNarrowsIt() {
        SourceResult result = build(spec(ebs().temporarySecurityGroupSourceCidrs(List.of()).build(), "true"));

        assertThat(result.outcome()).isEqualTo(Outcome.BUILT);
        assertThat(ingressCidrs()).containsExactly("0.0.0.0/0");
        assertThat(output()).contains("Warning: the temporary security group opens port " + local.ec2.sshPort()
                + " to 0.0.0.0/0; set temporarySecurityGroupSourceCidrs(...) or temporarySecurityGroupSourcePublicIpFrom");
    }

    @Test
    void theCheckUrlNarrowsTheGroupToTheCallersAddress() throws Exception {
        SourceResult result = buildWithCheckUrl("127.0.0.1\n");

        assertThat(result.outcome()).isEqualTo(Outcome.BUILT);
        assertThat(ingressCidrs()).containsExactly("127.0.0.1/32");
        assertThat(output()).doesNotContain("0.0.0.0/0");
    }

    @Test
    void aCheckUrlThatAnswersNonsenseFailsTheBuildNamingTheOption() throws Exception {
        SourceResult result = buildWithCheckUrl("<html>hello</html>");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error().orElseThrow().getMessage())
                .contains("temporarySecurityGroupSourcePublicIpFrom", "not an IPv4 address");
    }

    @Test
    void anExistingKeyPairIsUsedAndKept() {
        SshKeyPair key = SshKeys.generate();
        try (Ec2Client ec2 = local.client("us-east-1")) {
            ec2.importKeyPair(r -> r.keyName("team-key").publicKeyMaterial(SdkBytes.fromUtf8String(key.publicKeyLine())));
            int imports = local.ec2.calls("ImportKeyPair").size();
            try {
                SourceResult result = build(spec(ebs().keyPair(KeyPairConfig.existing("team-key", key.privateKey())).build(), "true"));

                assertThat(result.outcome()).isEqualTo(Outcome.BUILT);
                assertThat(output()).contains("Using existing SSH key pair team-key").doesNotContain("Deleting temporary keypair")
                        .doesNotContain(key.privateKey().reveal().lines().skip(1).findFirst().orElseThrow());
                assertThat(local.ec2.calls("ImportKeyPair")).hasSize(imports);
                assertThat(ec2.describeKeyPairs(r -> r.keyNames("team-key")).keyPairs()).hasSize(1);
            } finally {
                ec2.deleteKeyPair(r -> r.keyName("team-key"));
            }
        }
    }

    @Test
    void anEc2ErrorNamesTheStepTheResourcesTheCodeAndTheRequestIdButNoSecret() {
        local.ec2.faults().throttleAlways("RunInstances");

        SourceResult result = build(spec(ebs().maxAttempts(2).build(), "true"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        String message = result.error().orElseThrow().getMessage();
        assertThat(message).contains("step 'run instance' failed", "key-pair kiln_", "security-group sg-",
                "RequestLimitExceeded (request id ");
        assertThat(message + output()).doesNotContain(local.ec2.secretAccessKey());
        assertThat(local.ec2.calls("RunInstances")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void theHostKeyCanBePinnedFromTheConsoleOutput() {
        SourceResult result = build(spec(ebs().sshHostKeyFromConsole(true).build(), "true"));

        assertThat(result.outcome()).as(output()).isEqualTo(Outcome.BUILT);
        assertThat(output()).contains("Pinning SSH host key SHA256:");
        assertThat(local.ec2.calls("GetConsoleOutput")).isNotEmpty();
    }

    @Test
    void aHostKeyThatDoesNotMatchThePinIsRefusedAndEverythingIsUndone() {
        SourceResult result = build(spec(ebs().sshTimeout(java.time.Duration.ofSeconds(5))
                .sshHostKeyPolicy(HostKeyPolicy.pinned("SHA256:" + "A".repeat(43))).build(), "true"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error().orElseThrow().getMessage()).contains("step 'connect' failed", "instance i-",
                "host key mismatch");
        assertThat(output()).doesNotContain("Connected to SSH!").contains("Terminating the source AWS instance...");
    }

    @Test
    void instanceOptionsAndTheRequestCustomizerReachRunInstances() {
        SourceResult result = build(spec(ebs().userData("#cloud-config\n").iamInstanceProfile("image-builder")
                .metadataOptions(MetadataOptions.imdsv2()).runTag("team", "images").volumeTags(java.util.Map.of("team", "images"))
                .addLaunchBlockDevice(d -> d.deviceName("/dev/xvdb").volumeSize(4).volumeType("gp3"))
                .runInstancesCustomizer(r -> r.ebsOptimized(true)).build(), "true"));

        assertThat(result.outcome()).as(output()).isEqualTo(Outcome.BUILT);
        java.util.Map<String, String> run = local.ec2.calls("RunInstances").get(local.ec2.calls("RunInstances").size() - 1).params();
        // LocalEc2 keeps UserData out of its call log, so only the other options are checked here
        assertThat(run).containsEntry("IamInstanceProfile.Name", "image-builder")
                .containsEntry("MetadataOptions.HttpTokens", "required")
                .containsEntry("BlockDeviceMapping.1.DeviceName", "/dev/xvdb")
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeSize", "4")
                .containsEntry("EbsOptimized", "true")
                .containsEntry("InstanceInitiatedShutdownBehavior", "stop")
                .containsValues("team", "images", "Kiln Builder");
    }
}
