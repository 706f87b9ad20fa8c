package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One template, built by {@code packer build -machine-readable} and by {@code kiln build -machine-readable}
 * against the same LocalEc2: both succeed, their artifact lines (what Rosco-style wrappers parse) have the same
 * shape, their manifests the same keys, and both images hold the file the template writes.
 */
class PackerBuildOracleTest {
    private static final Path PACKER = Path.of("/usr/bin/packer");
    private static final String TEMPLATE = """
            {
              "variables": {
                "aws_access_key": "{{env `AWS_ACCESS_KEY_ID`}}",
                "aws_secret_key": "{{env `AWS_SECRET_ACCESS_KEY`}}",
                "sha": "{{env `SHA`}}"
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
                  "ami_name": "{{user `name`}}-{{timestamp}}",
                  "tags": { "SHA": "{{user `sha`}}" },
                  "custom_endpoint_ec2": "ENDPOINT",
                  "skip_region_validation": true,
                  "ssh_port": SSH_PORT
                }
              ],
              "provisioners": [
                { "type": "shell", "inline": ["echo \\"{{user `name`}} {{user `sha`}}\\" | sudo tee /etc/motd"] }
              ],
              "post-processors": [ { "type": "manifest", "output": "manifest.json", "strip_path": true } ]
            }
            """;

    @Test
    void artifactLinesAndManifestsMatchPackers(@TempDir Path dir) throws Exception {
        assertThat(PACKER).as("Packer 1.6.6 is needed: apt-get install packer").isExecutable();
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("host"));
             LocalEc2 ec2 = LocalEc2.builder().machineHost(host).dataDir(dir.resolve("ec2")).start()) {
            String template = TEMPLATE.replace("ENDPOINT", ec2.endpoint().toString())
                    .replace("SSH_PORT", String.valueOf(ec2.sshPort()));
            Path packerDir = Files.createDirectories(dir.resolve("packer"));
            Path kilnDir = Files.createDirectories(dir.resolve("kiln"));
            Files.writeString(packerDir.resolve("t.json"), template);
            Files.writeString(kilnDir.resolve("t.json"), template);
            Map<String, String> env = new java.util.HashMap<>(ec2.clientEnvironment());
            env.put("SHA", "0123abcd");

            String packer = packer(packerDir, env, "-machine-readable", "build", "-var", "name=packer", "t.json");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = Main.run(new String[] {"-machine-readable", "build", "-var", "name=kiln", "t.json"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), env::get, kilnDir, Instant.now());
            String kiln = out.toString(StandardCharsets.UTF_8);

            assertThat(status).as(kiln).isZero();
            assertThat(artifactLines(kiln)).as("Kiln's artifact lines%n%s%nPacker's output%n%s", kiln, packer)
                    .isEqualTo(artifactLines(packer));
            JsonNode packerManifest = new ObjectMapper().readTree(packerDir.resolve("manifest.json").toFile());
            JsonNode kilnManifest = new ObjectMapper().readTree(kilnDir.resolve("manifest.json").toFile());
            assertThat(keys(kilnManifest)).isEqualTo(keys(packerManifest));
            assertThat(keys(kilnManifest.path("builds").get(0))).isEqualTo(keys(packerManifest.path("builds").get(0)));
            for (String line : List.of(packer, kiln)) {
                String id = line.lines().filter(l -> l.matches("\\d+,amazon-ebs,artifact,0,id,.*")).findFirst()
                        .orElseThrow();
                String ami = id.substring(id.lastIndexOf(':') + 1);
                assertThat(ec2.dataDir().resolve("images/us-east-1/" + ami + "/root/etc/motd"))
                        .content().contains("0123abcd");
            }
            assertThat(ec2.leaks()).isEmpty();
        }
    }

    /** The lines about the build's artifacts, AMI ids and timestamps replaced so that two runs compare. */
    private static List<String> artifactLines(String output) {
        return output.lines().filter(l -> l.matches("\\d+,amazon-ebs,artifact.*"))
                .map(l -> l.replaceFirst("^\\d+,", "T,").replaceAll("ami-[0-9a-f]{17}", "ami-ID")).toList();
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        names.forEachRemaining(keys::add);
        return keys;
    }

    private static String packer(Path dir, Map<String, String> clientEnv, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(PACKER.toString());
        pb.command().addAll(List.of(args));
        Path output = dir.resolve("packer-output.txt");
        pb.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("PACKER_"));
        env.putAll(clientEnv);
        env.put("AWS_POLL_DELAY_SECONDS", "1");
        env.put("AWS_MAX_ATTEMPTS", "120");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("HOME", dir.toString());
        Process process = pb.start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("packer did not finish in 4 minutes:\n" + Files.readString(output));
        }
        String text = Files.readString(output);
        assertThat(process.exitValue()).as("packer build:%n%s", text).isZero();
        return text;
    }
}
