package dev.kiln.aws;

import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.Latencies;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Packer 1.6.6 run as an independent client of a LocalEc2, for the benchmarks (here and, through this module's
 * test-jar, the kiln command's in kiln-cli): an amazon-ebs template with
 * one inline shell provisioner and, if asked, Packer's manifest, run with LocalEc2's client environment and
 * {@code CHECKPOINT_DISABLE=1}.
 *
 * <pre>{@code
 * String template = LocalPacker.template(ec2, BaseImage.AMAZON_LINUX_2, "packer-bench", "echo provisioned");
 * LocalPacker.build(ec2, dir, LocalPacker.withManifest(template), LocalPacker.TUNED);
 * String ami = LocalPacker.amiOf(dir.resolve(LocalPacker.MANIFEST));
 * }</pre>
 */
public final class LocalPacker {
    /**
     * Packer tuned for 1 s polls: AWS_POLL_DELAY_SECONDS=1, plus AWS_MAX_ATTEMPTS=3600, without which Packer
     * 1.6.6 gives up on an AMI that takes a minute ("exceeded wait attempts").
     */
    public static final Map<String, String> TUNED = Map.of("AWS_POLL_DELAY_SECONDS", "1", "AWS_MAX_ATTEMPTS", "3600");
    /** The manifest a template {@link #withManifest} writes in the build's directory. */
    static final String MANIFEST = "manifest.json";

    private static final Path PACKER = Path.of("/usr/bin/packer");
    private static final Path JQ = Path.of("/usr/bin/jq");
    private static final String TEMPLATE = """
            {
              "builders": [{
                "type": "amazon-ebs", "region": "us-east-1", "source_ami": "SOURCE_AMI",
                "instance_type": "t2.micro", "ssh_username": "SSH_USERNAME", "ssh_port": SSH_PORT,
                "ami_name": "AMI_NAME-{{timestamp}}", "associate_public_ip_address": true,
                "custom_endpoint_ec2": "ENDPOINT", "skip_region_validation": true
              }],
              "provisioners": [{ "type": "shell", "inline": [COMMANDS] }],
              "post-processors": []
            }
            """;

    private LocalPacker() {
    }

    /** A template building from {@code source} (its default user logs in) and running {@code commands}. */
    public static String template(LocalEc2 ec2, BaseImage source, String amiName, String... commands) {
        return template(ec2, source.id(), source.defaultUser(), amiName, commands);
    }

    /** A template building from the AMI {@code sourceAmi}, logging in as {@code sshUsername}. */
    static String template(LocalEc2 ec2, String sourceAmi, String sshUsername, String amiName, String... commands) {
        String inline = Arrays.stream(commands).map(c -> '"' + c.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(Collectors.joining(", "));
        return TEMPLATE.replace("ENDPOINT", ec2.endpoint().toString())
                .replace("SSH_PORT", String.valueOf(ec2.sshPort()))
                .replace("SOURCE_AMI", sourceAmi)
                .replace("SSH_USERNAME", sshUsername)
                .replace("AMI_NAME", amiName)
                .replace("COMMANDS", inline);
    }

    /** {@code template} with Packer's manifest post-processor, writing {@link #MANIFEST}. */
    static String withManifest(String template) {
        return template.replace("\"post-processors\": []",
                "\"post-processors\": [{ \"type\": \"manifest\", \"output\": \"" + MANIFEST + "\", \"strip_path\": true }]");
    }

    /** Runs {@code packer build} on {@code template} in {@code dir} with {@code extraEnv}; fails unless it succeeds. */
    public static void build(LocalEc2 ec2, Path dir, String template, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        Benchmarks.check(Files.isExecutable(PACKER), "Packer 1.6.6 is needed: apt-get install packer");
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve("template.json"), template);
        ProcessBuilder pb = new ProcessBuilder(PACKER.toString(), "build", "-color=false", file.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("packer.out").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("PACKER_"));
        env.putAll(ec2.clientEnvironment());
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("HOME", dir.toString());
        env.putAll(extraEnv);
        Process process = pb.start();
        Benchmarks.check(process.waitFor(30, TimeUnit.MINUTES), "packer did not finish in 30 minutes");
        Benchmarks.check(process.exitValue() == 0, "packer failed:\n" + Files.readString(dir.resolve("packer.out")));
    }

    /**
     * The AMI id of a manifest's first build, read as CircleCI's pipeline does:
     * {@code jq -r '.builds[0].artifact_id' manifest.json | cut -d: -f2}.
     */
    static String amiOf(Path manifest) throws IOException, InterruptedException {
        Benchmarks.check(Files.isExecutable(JQ), "jq is needed: apt-get install jq");
        Process jq = new ProcessBuilder(JQ.toString(), "-r", ".builds[0].artifact_id", manifest.toString())
                .redirectErrorStream(true).start();
        String artifactId = new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Benchmarks.check(jq.waitFor() == 0 && artifactId.contains(":"), "no artifact in " + manifest + ": " + artifactId);
        return artifactId.substring(artifactId.indexOf(':') + 1);
    }

    /**
     * Warms up a LocalEc2 that runs in this JVM: whichever build goes first would otherwise also pay for its
     * cold start (HTTP server, machine boot, SSH server). One unmeasured Packer build on zero latencies warms it
     * without touching any class Kiln's side uses.
     */
    public static void warmUp(LocalMachineHost host, Path dir) throws IOException, InterruptedException {
        try (LocalEc2 ec2 = LocalEc2.builder().machineHost(host).latencies(Latencies.fast()).start()) {
            long start = System.nanoTime();
            build(ec2, dir, template(ec2, BaseImage.AMAZON_LINUX_2, "packer-warm-up", "echo provisioned"), TUNED);
            System.out.printf("Warm-up: one Packer build on zero latencies in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
    }
}
