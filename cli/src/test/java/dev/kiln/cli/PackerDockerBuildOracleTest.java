package dev.kiln.cli;

import static dev.kiln.cli.OracleBuilds.PACKER;
import static dev.kiln.cli.OracleBuilds.keys;
import static dev.kiln.cli.OracleBuilds.runKiln;
import static dev.kiln.cli.OracleBuilds.runPacker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.docker.DockerCli;
import dev.kiln.docker.DockerFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One docker template, built by {@code packer build -machine-readable} and by {@code kiln build -machine-readable}
 * on the machine's Docker daemon (the base image made locally, the containers with no network through
 * {@code run_command}): both succeed, their artifact lines parse the same (builder ids, ids, texts, a docker-tag
 * chain's {@code repository:tag}), their manifests have the same shape and {@code builder_type}, their images
 * hold the same files and configuration, and their docker-save archives the same names. A change the daemon
 * refuses is a failed {@code packer build} and a failed {@code kiln validate}, naming it alike. Every image made
 * is removed afterwards.
 */
class PackerDockerBuildOracleTest {
    private static final String TEMPLATE = """
            {
              "variables": { "greeting": "hello" },
              "builders": [{
                "type": "docker",
                "image": "BASE",
                "pull": false,
                "commit": true,
                "run_command": ["-d", "-i", "-t", "--network", "none", "--entrypoint=/bin/sh", "--", "{{.Image}}"],
                "changes": ["ENTRYPOINT [\\"/bin/cat\\"]", "CMD [\\"/srv/greeting\\"]", "ENV GREETING={{user `greeting`}}",
                  "LABEL team=web", "WORKDIR /srv", "EXPOSE 8080"],
                "author": "kiln@example.com",
                "message": "built from a template"
              }],
              "provisioners": [
                { "type": "shell", "inline": ["mkdir -p /srv/www", "echo {{user `greeting`}} > /srv/greeting",
                  "echo $PACKER_BUILDER_TYPE > /srv/builder", "chmod 0640 /srv/greeting"] },
                { "type": "file", "source": "site.conf", "destination": "/srv/www/site.conf" }
              ],
              "post-processors": [
                [ { "type": "docker-tag", "repository": "REPO", "tags": ["1.0", "latest"], "force": true },
                  { "type": "docker-save", "path": "image.tar" } ],
                { "type": "manifest", "output": "manifest.json" }
              ]
            }
            """;

    private static String base;
    private final List<String> images = new ArrayList<>();

    @BeforeAll
    static void daemonAndBaseImage() throws IOException {
        assertThat(PACKER).as("Packer 1.6.6 is needed: apt-get install packer").isExecutable();
        base = DockerFixture.baseImage();
    }

    @AfterEach
    void removeImages() {
        for (String image : images) {
            DockerCli.run("rmi", "-f", image);
        }
    }

    @Test
    void packerAndKilnBuildTheSameImageAndListItAlike(@TempDir Path dir) throws Exception {
        String run = Long.toString(System.nanoTime());
        String packerRepo = "kiln-cli-test/packer-" + run;
        String kilnRepo = "kiln-cli-test/kiln-" + run;
        Path packerDir = template(dir.resolve("packer"), packerRepo);
        Path kilnDir = template(dir.resolve("kiln"), kilnRepo);

        CommandRun packer = runPacker(packerDir, Map.of(), "-machine-readable", "build", "t.json");
        CommandRun kiln = runKiln(kilnDir, userAt(kilnDir), "-machine-readable", "build", "t.json");
        String packerImage = id(packer.output(), "0");
        String kilnImage = id(kiln.output(), "0");
        images.addAll(List.of(packerImage, kilnImage));

        assertThat(packer.status()).as(packer.output()).isZero();
        assertThat(kiln.status()).as(kiln.output()).isZero();
        assertThat(artifactLines(kiln.output(), kilnRepo)).as("Kiln's artifact lines, Packer's output:%n%s",
                packer.output()).isEqualTo(artifactLines(packer.output(), packerRepo))
                .contains("T,docker,artifact,1,builder-id,packer.post-processor.docker-tag",
                        "T,docker,artifact,1,id,REPO:latest");

        JsonNode packerManifest = new ObjectMapper().readTree(packerDir.resolve("manifest.json").toFile());
        JsonNode kilnManifest = new ObjectMapper().readTree(kilnDir.resolve("manifest.json").toFile());
        assertThat(keys(kilnManifest)).isEqualTo(keys(packerManifest));
        JsonNode packerBuild = packerManifest.path("builds").get(0);
        JsonNode kilnBuild = kilnManifest.path("builds").get(0);
        assertThat(keys(kilnBuild)).isEqualTo(keys(packerBuild));
        assertThat(kilnBuild.get("builder_type").asText()).isEqualTo(packerBuild.get("builder_type").asText())
                .isEqualTo("docker");
        assertThat(kilnBuild.get("artifact_id").asText()).isEqualTo(kilnImage);
        assertThat(packerBuild.get("artifact_id").asText()).isEqualTo(packerImage);

        assertThat(files(kilnImage, dir)).isEqualTo(files(packerImage, dir)).contains("srv/www/site.conf");
        for (String image : List.of(packerImage, kilnImage)) {
            assertThat(DockerCli.ok("run", "--rm", "--network", "none", image)).isEqualTo("hello");
            assertThat(DockerCli.ok("run", "--rm", "--network", "none", "--entrypoint", "/bin/sh", image, "-c",
                    "cat /srv/builder /srv/www/site.conf; stat -c %a /srv/greeting"))
                    .isEqualTo("docker\nsite of the oracle\n640");
        }
        assertThat(configuration(kilnImage)).isEqualTo(configuration(packerImage));
        assertThat(savedNames(kilnDir.resolve("image.tar")).replace(kilnRepo, "REPO"))
                .isEqualTo(savedNames(packerDir.resolve("image.tar")).replace(packerRepo, "REPO"))
                .contains("REPO:latest");
    }

    @Test
    void aChangeTheDaemonRefusesFailsPackersBuildAndKilnsValidate(@TempDir Path dir) throws Exception {
        Path packerDir = template(dir.resolve("packer"), "kiln-cli-test/refused");
        String refused = Files.readString(packerDir.resolve("t.json")).replace("\"EXPOSE 8080\"", "\"FROM scratch\"");
        Files.writeString(packerDir.resolve("t.json"), refused);

        CommandRun validate = runPacker(packerDir, Map.of(), "validate", "t.json");
        CommandRun packer = runPacker(packerDir, Map.of(), "build", "t.json");
        CommandRun kiln = runKiln(packerDir, userAt(packerDir), "validate", "t.json");

        assertThat(validate.status()).as("Packer finds it only when it commits: %s", validate.output()).isZero();
        assertThat(packer.status()).isEqualTo(kiln.status()).isEqualTo(1);
        assertThat(packer.output()).contains("from is not a valid change command");
        assertThat(kiln.output()).contains("changes", "from is not a valid change command");
        assertThat(DockerCli.ok("images", "--filter", "reference=kiln-cli-test/refused", "-q")).isEmpty();
    }

    private Path template(Path dir, String repository) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("site.conf"), "site of the oracle\n");
        Files.writeString(dir.resolve("t.json"), TEMPLATE.replace("BASE", base).replace("REPO", repository));
        return dir;
    }

    /** The image id the {@code artifact,INDEX,id} line names. */
    private static String id(String output, String index) {
        return output.lines().filter(l -> l.matches("\\d+,docker,artifact," + index + ",id,.*")).findFirst()
                .map(l -> l.substring(l.lastIndexOf(",id,") + 4)).orElse("none");
    }

    /** The artifact lines, with timestamps, image ids and the repository replaced so that two builds compare. */
    private static List<String> artifactLines(String output, String repository) {
        return output.lines().filter(l -> l.matches("\\d+,docker,artifact.*"))
                .map(l -> l.replaceFirst("^\\d+,", "T,").replaceAll("sha256:[0-9a-f]{64}", "sha256:ID")
                        .replace(repository, "REPO"))
                .toList();
    }

    /** Every path in the image's file system but Packer's mount point for uploads, sorted. */
    private static List<String> files(String image, Path dir) throws Exception {
        String container = DockerCli.ok("create", "--network", "none", image);
        Path tar = dir.resolve(container + ".tar");
        try {
            DockerCli.ok("export", "-o", tar.toString(), container);
        } finally {
            DockerCli.ok("rm", container);
        }
        List<String> paths = new ArrayList<>(command("tar", "-tf", tar.toString()).lines()
                .filter(p -> !p.startsWith("packer-files") && !p.equals(".dockerenv")).sorted().toList());
        Files.delete(tar);
        return paths;
    }

    /** What the commit set: entrypoint, command, environment, working directory, ports, the template's label, author, comment. */
    private static String configuration(String image) {
        return DockerCli.ok("inspect", "--format", "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{json .Config.Env}} {{.Config.WorkingDir}} "
                + "{{json .Config.ExposedPorts}} {{index .Config.Labels \"team\"}} {{.Author}} {{.Comment}}", image);
    }

    /** The names a docker-save archive gives its image. */
    private static String savedNames(Path archive) throws Exception {
        return new ObjectMapper().readTree(command("tar", "-xOf", archive.toString(), "manifest.json")).path(0)
                .path("RepoTags").toString();
    }

    private static String command(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** The environment of a user whose home is {@code dir}. */
    private static Map<String, String> userAt(Path dir) {
        return Map.of("HOME", dir.toString(), "USER", "kiln");
    }
}
