package dev.kiln.cli;

import static dev.kiln.cli.OracleBuilds.kiln;
import static dev.kiln.cli.OracleBuilds.runKiln;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kiln build} runs the first seed article's template (its steps only writing files, as the local cloud
 * has no package manager) against LocalEc2 through the real AWS SDK and SSH: the AMI holds the files, the
 * manifest is Packer's, the {@code -machine-readable} artifact lines carry the AMI id, and nothing is left.
 */
class KilnBuildTest {
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
                  "ssh_port": SSH_PORT
                }
              ],
              "provisioners": [
                {
                  "type": "shell",
                  "inline": [
                    "echo ENABLE NGINX",
                    "sudo mkdir -p /etc/nginx",
                    "echo 'server { listen 80; }' | sudo tee /etc/nginx/nginx.conf"
                  ]
                }
              ],
              "post-processors": [
                { "type": "manifest", "output": "manifest.json" }
              ]
            }
            """;

    @Test
    void aSecondBuildOfTheSameAmiNameFailsUnlessForced(@TempDir Path dir) throws Exception {
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("host"));
             LocalEc2 ec2 = LocalEc2.builder().machineHost(host).dataDir(dir.resolve("ec2")).start()) {
            writeTemplate(dir, ec2, TEMPLATE.replace("packer-base-{{timestamp}}", "kiln-fixed-name"));
            Map<String, String> env = ec2.clientEnvironment();

            assertThat(runKiln(dir, env, "build", "example.json").status()).isZero();
            CommandRun again = runKiln(dir, env, "-machine-readable", "build", "example.json");
            CommandRun forced = runKiln(dir, env, "build", "-force", "example.json");

            assertThat(again.status()).as(again.output()).isEqualTo(1);
            assertThat(again.output()).containsPattern("\\d+,,error-count,1")
                    .containsPattern("\\d+,amazon-ebs,error,.*kiln-fixed-name")
                    .contains("ui,say,\\n==> Builds finished but no artifacts were created.");
            assertThat(forced.status()).as(forced.output()).isZero();
            assertThat(forced.output()).contains("==> Builds finished. The artifacts of successful builds are:");
            assertThat(ec2.leaks()).as("-force deregisters the first AMI and keeps its snapshot, as Packer's does "
                    + "without force_delete_snapshot").singleElement().asString().contains("snapshot");
        }
    }

    @Test
    void anInterruptedBuildCleansUpBeforeTheProcessExits(@TempDir Path dir) throws Exception {
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("host"));
             LocalEc2 ec2 = LocalEc2.builder().machineHost(host).dataDir(dir.resolve("ec2")).start()) {
            writeTemplate(dir, ec2, TEMPLATE.replace("\"echo ENABLE NGINX\",",
                    "\"echo provisioning started\", \"sleep 120\","));
            ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "build", "example.json");
            pb.directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(ec2.clientEnvironment());
            Process kiln = pb.start();
            StringBuilder output = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(kiln.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null && !line.contains("provisioning started")) {
                    output.append(line).append('\n');
                }
                assertThat(line).as("the provisioner started; output so far:%n%s", output).isNotNull();

                kiln.toHandle().destroy();
                lines.lines().forEach(l -> output.append(l).append('\n'));
            }
            assertThat(kiln.waitFor(2, TimeUnit.MINUTES)).as(output.toString()).isTrue();
            assertThat(output).contains("Cleanly cancelled builds after being interrupted.");
            assertThat(ec2.leaks()).as(output.toString()).isEmpty();
            assertThat(ec2.calls("TerminateInstances")).isNotEmpty();
        }
    }

    /** Writes {@code example.json}: the template pointed at the local cloud. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-on-error=ask | invalid value \"ask\" for flag -on-error: not supported by Kiln; use cleanup or abort",
        "-on-error=run-cleanup-provisioner | not supported by Kiln; use cleanup or abort",
        "-debug | -debug is not supported by Kiln yet; run without it"
    })
    void refusesWhatKilnLacksBeforeAnyCloudCall(String flag, String message, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("example.json"), TEMPLATE.replace("ENDPOINT", "http://127.0.0.1:9")
                .replace("SSH_PORT", "22"));

        CommandRun result = runKiln(dir, Map.of(), "build", flag, "example.json");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains(message).doesNotContain("output will be in this color");
    }

    private static void writeTemplate(Path dir, LocalEc2 ec2, String template) throws java.io.IOException {
        Files.writeString(dir.resolve("example.json"), template.replace("ENDPOINT", ec2.endpoint().toString())
                .replace("SSH_PORT", String.valueOf(ec2.sshPort())));
    }

    @Test
    void buildsTheSeedTemplateWithMachineReadableArtifactLines(@TempDir Path dir) throws Exception {
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("host"));
             LocalEc2 ec2 = LocalEc2.builder().machineHost(host).dataDir(dir.resolve("ec2")).start()) {
            writeTemplate(dir, ec2, TEMPLATE);
            String output = kiln(dir, ec2.clientEnvironment(), "example.json");
            List<String> lines = output.lines().toList();
            assertThat(lines).allMatch(l -> l.matches("\\d+,[^,]*,[^,]+(,.*)?"), "every line is timestamp,target,type,...");
            String id = lines.stream().filter(l -> l.matches("\\d+,amazon-ebs,artifact,0,id,.*")).findFirst()
                    .map(l -> l.substring(l.lastIndexOf(',') + 1)).orElseThrow();
            assertThat(id).matches("us-east-1:ami-[0-9a-f]{17}");
            assertThat(lines).anyMatch(l -> l.matches("\\d+,amazon-ebs,artifact-count,2"), "the builder's artifact and the manifest chain's, as in Packer")
                    .anyMatch(l -> l.matches("\\d+,amazon-ebs,artifact,0,builder-id,mitchellh.amazonebs"))
                    .anyMatch(l -> l.matches("\\d+,amazon-ebs,artifact,0,end"))
                    .anyMatch(l -> l.matches("\\d+,,ui,message,    amazon-ebs: ENABLE NGINX"));
            JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
            assertThat(manifest.path("builds").get(0).path("artifact_id").asText()).isEqualTo(id);
            assertThat(manifest.path("builds").get(0).path("builder_type").asText()).isEqualTo("amazon-ebs");
            String ami = id.substring("us-east-1:".length());
            assertThat(ec2.image("us-east-1", ami).file("/etc/nginx/nginx.conf")).isEqualTo("server { listen 80; }\n");
            assertThat(ec2.leaks()).isEmpty();
        }
    }
}
