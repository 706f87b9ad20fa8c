package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Packer 1.6.6 (a client nobody here wrote) builds the seed article's nginx template against LocalEc2: its own
 * temporary key pair and security group, SSH to the instance's public IP, an AMI, and nothing left behind.
 */
class PackerAmazonEbsTest {
    private static final Path PACKER = Path.of("/usr/bin/packer");

    /** The first seed article's template; only the endpoint, credentials, ssh_port, region validation and commands differ. */
    private static final String TEMPLATE = """
            {
              "variables": {
                "aws_access_key": "{{env `AWS_ACCESS_KEY_ID`}}",
                "aws_secret_key": "{{env `AWS_SECRET_ACCESS_KEY`}}",
                "region": "us-east-1",
                "ssh_username": "ec2-user",
                "base_ami": "ami-0e6d2e8684d4ccb3e",
                "instance_type": "t2.micro"
              },
              "builders": [
                {
                  "type": "amazon-ebs",
                  "access_key": "{{user `aws_access_key`}}",
                  "secret_key": "{{user `aws_secret_key` }}",
                  "region": "{{user `region` }}",
                  "source_ami": "{{user `base_ami`}}",
                  "instance_type": "{{user `instance_type` }}",
                  "ssh_username": "{{user `ssh_username`}}",
                  "ami_name": "packer-base-{{timestamp}}",
                  "associate_public_ip_address": true,
                  "custom_endpoint_ec2": "ENDPOINT",
                  "skip_region_validation": true,
                  "ssh_port": SSH_PORT
                }
              ],
              "provisioners": [
                {
                  "type": "shell",
                  "inline": [
                    "echo ENABLE NGINX",
                    "sudo mkdir -p /etc/nginx",
                    "echo INSTALL NGINX",
                    "echo 'server { listen 80; }' | sudo tee /etc/nginx/nginx.conf",
                    "echo START NGINX"
                  ]
                }
              ],
              "post-processors": [
                { "type": "manifest", "output": "manifest.json" }
              ]
            }
            """;

    @Test
    void packerBuildsTheSeedTemplateAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        assertThat(PACKER).as("Packer 1.6.6 is needed: apt-get install packer").isExecutable();
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("host"));
             LocalEc2 ec2 = LocalEc2.builder().machineHost(host).dataDir(dir.resolve("ec2")).start()) {
            Path template = dir.resolve("example.json");
            Files.writeString(template, TEMPLATE.replace("ENDPOINT", ec2.endpoint().toString())
                    .replace("SSH_PORT", String.valueOf(ec2.sshPort())));
            Path output = dir.resolve("packer-output.txt");

            int exit = packer(ec2, dir, output, "build", "-color=false", template.toString());

            String log = Files.readString(output);
            assertThat(exit).as("packer build exit code; output:%n%s%nlog:%n%s", log, packerLog(dir)).isZero();
            assertThat(log).contains("Build 'amazon-ebs' finished", "INSTALL NGINX", "START NGINX")
                    .containsPattern("Using ssh communicator to connect: 127\\.0\\.\\d+\\.\\d+");

            JsonNode build = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).path("builds").get(0);
            String artifact = build.path("artifact_id").asText();
            assertThat(artifact).matches("us-east-1:ami-[0-9a-f]{17}");
            String imageId = artifact.substring("us-east-1:".length());

            try (Ec2Client client = Ec2Clients.client(ec2, "us-east-1")) {
                Image image = client.describeImages(r -> r.imageIds(imageId)).images().get(0);
                assertThat(image.stateAsString()).isEqualTo("available");
                assertThat(image.name()).startsWith("packer-base-");
            }
            assertThat(ec2.leaks()).isEmpty();
            List<String> actions = ec2.calls().stream().map(Ec2Call::action).toList();
            assertThat(actions).containsSubsequence("CreateKeyPair", "CreateSecurityGroup",
                    "AuthorizeSecurityGroupIngress", "RunInstances", "StopInstances", "CreateImage",
                    "TerminateInstances", "DeleteSecurityGroup", "DeleteKeyPair");
            assertThat(ec2.calls()).noneMatch(c -> "UnsupportedOperation".equals(c.errorCode()));
            assertThat(ec2.dataDir().resolve("images/us-east-1/" + imageId + "/root/etc/nginx/nginx.conf"))
                    .as("the provisioned file is in the captured image").hasContent("server { listen 80; }");
        }
    }

    private static int packer(LocalEc2 ec2, Path dir, Path output, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(PACKER.toString());
        pb.command().addAll(List.of(args));
        pb.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("PACKER_"));
        env.putAll(ec2.clientEnvironment());
        env.put("AWS_POLL_DELAY_SECONDS", "1");
        env.put("AWS_MAX_ATTEMPTS", "120");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("PACKER_LOG", "1");
        env.put("PACKER_LOG_PATH", dir.resolve("packer.log").toString());
        env.put("HOME", dir.toString());
        Process process = pb.start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("packer did not finish in 4 minutes; output:\n" + Files.readString(output));
        }
        return process.exitValue();
    }

    private static String packerLog(Path dir) throws IOException {
        Path log = dir.resolve("packer.log");
        if (!Files.exists(log)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}
