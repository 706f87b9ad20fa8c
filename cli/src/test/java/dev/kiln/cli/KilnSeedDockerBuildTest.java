package dev.kiln.cli;

import static dev.kiln.cli.OracleBuilds.runKiln;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.docker.DockerCli;
import dev.kiln.docker.DockerFixture;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second seed's template as the article has it, a docker builder beside amazon-ebs and the same provisioners
 * for both, run by one {@code kiln build}: an AMI on LocalEc2 and a container image on the local daemon, both
 * listed in the artifact lines and in the one manifest, with the docker-only post-processors run on the docker
 * build alone. The image is removed afterwards.
 */
class KilnSeedDockerBuildTest {
    private static final String TEMPLATE = """
            {
              "variables": {
                "aws_access_key": "{{env `AWS_ACCESS_KEY_ID`}}",
                "aws_secret_key": "{{env `AWS_SECRET_ACCESS_KEY`}}",
                "ami_name": "baseline-ubuntu-1604",
                "ami_sha": "{{env `SHA`}}"
              },
              "builders": [
                {
                  "type": "amazon-ebs",
                  "access_key": "{{user `aws_access_key`}}",
                  "secret_key": "{{user `aws_secret_key`}}",
                  "region": "us-east-1",
                  "source_ami": "ami-aa2ea6d0",
                  "instance_type": "t2.micro",
                  "ssh_username": "ubuntu",
                  "ami_name": "{{user `ami_name`}} {{timestamp}}",
                  "tags": { "SHA": "{{user `ami_sha`}}" },
                  "custom_endpoint_ec2": "ENDPOINT",
                  "ssh_port": SSH_PORT
                },
                {
                  "type": "docker",
                  "image": "BASE",
                  "pull": false,
                  "commit": true,
                  "run_command": ["-d", "-i", "-t", "--network=none", "--entrypoint=/bin/sh", "--", "{{.Image}}"],
                  "changes": ["LABEL SHA={{user `ami_sha`}}"]
                }
              ],
              "provisioners": [
                { "type": "shell", "only": ["amazon-ebs"], "inline": ["echo cloud-init done"] },
                { "type": "shell", "inline": ["echo \\"base $PACKER_BUILDER_TYPE {{user `ami_sha`}}\\" | $(command -v sudo) tee /etc/baseline"] }
              ],
              "post-processors": [
                [ { "type": "docker-tag", "only": ["docker"], "repository": "REPO", "tags": ["TAG"] } ],
                { "output": "manifest-base.json", "strip_path": true, "type": "manifest" }
              ]
            }
            """;

    @Test
    void oneRunBakesTheAmiAndTheContainerImage(@TempDir Path dir) throws Exception {
        String tag = Long.toString(System.nanoTime());
        String repository = "kiln-cli-test/seed-base";
        List<String> images = new ArrayList<>();
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("host"));
             LocalEc2 ec2 = LocalEc2.builder().machineHost(host).dataDir(dir.resolve("ec2")).start()) {
            Files.writeString(dir.resolve("base.json"), TEMPLATE.replace("ENDPOINT", ec2.endpoint().toString())
                    .replace("SSH_PORT", String.valueOf(ec2.sshPort())).replace("BASE", DockerFixture.baseImage())
                    .replace("REPO", repository).replace("TAG", tag));
            Map<String, String> env = new HashMap<>(ec2.clientEnvironment());
            env.put("SHA", "0123abcd");

            CommandRun run = runKiln(dir, env, "-machine-readable", "build", "base.json");

            String output = run.output();
            String image = artifact(output, "docker", "0", "id");
            images.add(image);
            assertThat(run.status()).as(output).isZero();
            String ami = artifact(output, "amazon-ebs", "0", "id");
            assertThat(ami).matches("us-east-1:ami-[0-9a-f]{17}");
            assertThat(image).matches("sha256:[0-9a-f]{64}");
            assertThat(output.lines().filter(l -> l.matches("\\d+,[a-z-]+,artifact-count,.*"))
                    .map(l -> l.replaceFirst("^\\d+,", "")))
                    .as("amazon-ebs: its AMI and the manifest's; docker: its image, the docker-tag's and the manifest's")
                    .containsExactlyInAnyOrder("amazon-ebs,artifact-count,2", "docker,artifact-count,3");
            assertThat(artifact(output, "docker", "1", "id")).isEqualTo(repository + ":" + tag);
            assertThat(output).contains("amazon-ebs: cloud-init done").doesNotContain("docker: cloud-init done");

            JsonNode builds = new ObjectMapper().readTree(dir.resolve("manifest-base.json").toFile()).path("builds");
            List<String> entries = new ArrayList<>();
            builds.forEach(b -> entries.add(b.path("builder_type").asText() + " " + b.path("artifact_id").asText()));
            assertThat(entries).containsExactlyInAnyOrder("amazon-ebs " + ami, "docker " + image);
            assertThat(ec2.image("us-east-1", ami.substring("us-east-1:".length())).file("/etc/baseline"))
                    .isEqualTo("base amazon-ebs 0123abcd\n");
            assertThat(DockerCli.ok("run", "--rm", "--network", "none", repository + ":" + tag, "-c",
                    "cat /etc/baseline")).isEqualTo("base docker 0123abcd");
            assertThat(DockerCli.ok("inspect", "--format", "{{index .Config.Labels \"SHA\"}}", image))
                    .isEqualTo("0123abcd");
            assertThat(ec2.leaks()).isEmpty();
        } finally {
            images.forEach(image -> DockerCli.run("rmi", "-f", image));
        }
    }

    /** The value of the {@code NAME,artifact,INDEX,FIELD,...} line. */
    private static String artifact(String output, String name, String index, String field) {
        String prefix = "," + name + ",artifact," + index + "," + field + ",";
        return output.lines().filter(l -> l.contains(prefix)).findFirst()
                .map(l -> l.substring(l.indexOf(prefix) + prefix.length())).orElse("none");
    }
}
