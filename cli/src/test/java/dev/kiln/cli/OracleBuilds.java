package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.testkit.ec2.ImageView;
import dev.kiln.testkit.ec2.LocalEc2;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * What the build oracle tests share: one template built by {@code packer build -machine-readable} (Packer 1.6.6,
 * tuned polling) and by {@code kiln build -machine-readable} against the same LocalEc2, and what they compare of the
 * results (artifact lines, manifest keys, tags).
 */
final class OracleBuilds {
    /** Packer 1.6.6, Debian's package. */
    static final Path PACKER = Path.of("/usr/bin/packer");

    private OracleBuilds() {
    }

    /**
     * Points the template's first builder at the LocalEc2: its endpoint, SSH port and credentials from the
     * environment, as a Packer user pointing at another EC2 endpoint would add them.
     */
    static void onLocalEc2(Path template, LocalEc2 ec2) throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(template.toFile());
        ((ObjectNode) root.path("variables")).put("local_access_key", "{{env `AWS_ACCESS_KEY_ID`}}")
                .put("local_secret_key", "{{env `AWS_SECRET_ACCESS_KEY`}}");
        ObjectNode builder = (ObjectNode) root.path("builders").get(0);
        builder.put("custom_endpoint_ec2", ec2.endpoint().toString()).put("ssh_port", ec2.sshPort())
                .put("access_key", "{{user `local_access_key`}}").put("secret_key", "{{user `local_secret_key`}}");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(template.toFile(), root);
    }

    /**
     * Runs {@code kiln ARGS} in this JVM, in {@code dir} with {@code env} as its environment, whatever its exit
     * status.
     */
    static CommandRun runKiln(Path dir, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), env::get, dir, Instant.now());
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new CommandRun(status, out.toString(StandardCharsets.UTF_8), wall);
    }

    /** Runs {@code kiln -machine-readable build ARGS} in {@code dir}, which must succeed, and returns its output. */
    static String kiln(Path dir, Map<String, String> env, String... args) {
        List<String> line = new ArrayList<>(List.of("-machine-readable", "build"));
        line.addAll(List.of(args));
        CommandRun run = runKiln(dir, env, line.toArray(String[]::new));
        assertThat(run.status()).as(run.output()).isZero();
        return run.output();
    }

    /** The AMI id of the first artifact line of an amazon-ebs build. */
    static String amiOf(String machineReadable) {
        String id = machineReadable.lines().filter(l -> l.matches("\\d+,amazon-ebs,artifact,0,id,.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no artifact id in\n" + machineReadable));
        return id.substring(id.lastIndexOf(':') + 1);
    }

    /** The tags of the image's first snapshot, as an EC2 client reads them. */
    static Map<String, String> snapshotTags(LocalEc2 ec2, ImageView image) {
        String snapshot = image.blockDevices().get(0).snapshotId();
        try (Ec2Client client = Ec2Client.builder().endpointOverride(ec2.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ec2.accessKeyId(), ec2.secretAccessKey()))).build()) {
            return client.describeSnapshots(r -> r.snapshotIds(snapshot)).snapshots().get(0).tags().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value));
        }
    }

    /** The tags without Kiln's own ({@code kiln:...}), which Packer doesn't set. */
    static Map<String, String> withoutKilns(Map<String, String> tags) {
        Map<String, String> out = new TreeMap<>(tags);
        out.keySet().removeIf(k -> k.startsWith("kiln:"));
        return out;
    }

    /** The lines about the build's artifacts, AMI ids and timestamps replaced so that two runs compare. */
    static List<String> artifactLines(String output) {
        return output.lines().filter(l -> l.matches("\\d+,amazon-ebs,artifact.*"))
                .map(l -> l.replaceFirst("^\\d+,", "T,").replaceAll("ami-[0-9a-f]{17}", "ami-ID")).toList();
    }

    /** The field names of a JSON object, in their order. */
    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        names.forEachRemaining(keys::add);
        return keys;
    }

    /**
     * Runs {@code packer ARGS} in {@code dir}, whatever its exit status, with {@code clientEnv} (an EC2 client
     * environment, or none) and tuned polling; it must end within 4 minutes.
     */
    static CommandRun runPacker(Path dir, Map<String, String> clientEnv, String... args)
            throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(clientEnv);
        env.put("AWS_POLL_DELAY_SECONDS", "1");
        env.put("AWS_MAX_ATTEMPTS", "120");
        env.put("HOME", dir.toString());
        List<String> command = new ArrayList<>(List.of(PACKER.toString()));
        command.addAll(List.of(args));
        return CommandRun.of(dir, env, command, Duration.ofMinutes(4));
    }

    /** Runs {@code packer ARGS} as {@link #runPacker} does; it must succeed. Returns its output. */
    static String packer(Path dir, Map<String, String> clientEnv, String... args)
            throws IOException, InterruptedException {
        CommandRun run = runPacker(dir, clientEnv, args);
        assertThat(run.status()).as("packer %s:%n%s", String.join(" ", args), run.output()).isZero();
        return run.output();
    }

    /** Runs {@code packer -machine-readable build ARGS} as {@link #packer} does, the twin of {@link #kiln}. */
    static String packerBuild(Path dir, Map<String, String> clientEnv, String... args)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("-machine-readable", "build"));
        line.addAll(List.of(args));
        return packer(dir, clientEnv, line.toArray(String[]::new));
    }
}
