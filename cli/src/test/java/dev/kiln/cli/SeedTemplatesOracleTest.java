package dev.kiln.cli;

import static dev.kiln.cli.OracleBuilds.amiOf;
import static dev.kiln.cli.OracleBuilds.artifactLines;
import static dev.kiln.cli.OracleBuilds.keys;
import static dev.kiln.cli.OracleBuilds.kiln;
import static dev.kiln.cli.OracleBuilds.onLocalEc2;
import static dev.kiln.cli.OracleBuilds.packerBuild;
import static dev.kiln.cli.OracleBuilds.withoutKilns;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.core.internal.FileTrees;
import dev.kiln.testkit.ec2.ImageView;
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
 * The seed articles' templates, from the corpus, built by {@code packer build} and by {@code kiln build} against one
 * LocalEc2: the same artifact lines, manifests of the same shape, the same tags and the same files in the images.
 * Their steps write files instead of installing packages (the machines have no network), and each template only
 * gains the local endpoint and SSH port, as a Packer user pointing at another EC2 endpoint would add.
 */
class SeedTemplatesOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theFirstSeedsTemplateBuildsTheSameImage(@TempDir Path dir) throws Exception {
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("host"));
             LocalEc2 ec2 = LocalEc2.builder().machineHost(host).dataDir(dir.resolve("ec2")).start()) {
            Map<String, ImageView> images = new HashMap<>();
            Map<String, String> output = new HashMap<>();
            for (String tool : List.of("packer", "kiln")) {
                Path work = copyOfTheCorpus(dir.resolve(tool));
                Path template = work.resolve("valid/seed1-example.json");
                writingFilesOnly(template);
                onLocalEc2(template, ec2);
                String run = build(tool, work, ec2.clientEnvironment(), "valid/seed1-example.json");
                output.put(tool, run);
                images.put(tool, ec2.image("us-east-1", amiOf(run)));
            }

            assertThat(artifactLines(output.get("kiln"))).isEqualTo(artifactLines(output.get("packer")));
            for (ImageView image : images.values()) {
                assertThat(image.file("/etc/nginx/nginx.conf")).isEqualTo("server { listen 80; }\n");
                assertThat(image.name()).startsWith("packer-base-");
            }
            assertThat(withoutKilns(images.get("kiln").tags())).isEqualTo(images.get("packer").tags());
            assertThat(output.values())
                    .allSatisfy(run -> assertThat(run).contains(",ui,message,    amazon-ebs: ENABLE NGINX"));
            assertThat(ec2.leaks()).isEmpty();
        }
    }

    @Test
    void theSecondSeedsBaseAndSnowflakeBuildTheSameImages(@TempDir Path dir) throws Exception {
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("host"));
             LocalEc2 ec2 = LocalEc2.builder().machineHost(host).dataDir(dir.resolve("ec2")).start()) {
            Map<String, Path> works = new HashMap<>();
            Map<String, List<List<String>>> lines = new HashMap<>();
            Map<String, Map<String, String>> baseTags = new HashMap<>();
            for (String tool : List.of("packer", "kiln")) {
                Path work = copyOfTheCorpus(dir.resolve(tool));
                onLocalEc2(work.resolve("valid/seed2-base.json"), ec2);
                onLocalEc2(work.resolve("valid/seed2-snowflake.json"), ec2);
                Files.writeString(work.resolve("base/tasks/baseline.sh"), "#!/bin/sh\nset -e\nsudo mkdir -p /etc/seed\n"
                        + "echo baseline | sudo tee /etc/seed/baseline\n");
                Files.writeString(work.resolve("snowflake/tasks/docker.sh"), "#!/bin/sh\nset -e\n"
                        + "echo \"docker as $(id -un)\" > /etc/seed/docker\n");
                Map<String, String> env = new HashMap<>(ec2.clientEnvironment());
                env.put("SHA", "0123abcd");
                String base = build(tool, work, env, "valid/seed2-base.json");
                env.put("AMI_BASE", amiOf(base));
                baseTags.put(tool, withoutKilns(ec2.image("us-east-1", amiOf(base)).tags()));
                String snowflake = build(tool, work, env, "-var", "ami_name=snowflake-ci",
                        "valid/seed2-snowflake.json");
                lines.put(tool, List.of(artifactLines(base), artifactLines(snowflake)));
                works.put(tool, work);
            }

            assertThat(lines.get("kiln")).isEqualTo(lines.get("packer"));
            assertThat(baseTags.get("kiln")).isEqualTo(baseTags.get("packer")).containsEntry("SHA", "0123abcd")
                    .containsEntry("AMI", "baseline-ubuntu-1604");
            for (String manifest : List.of("manifest-base.json", "manifest-snowflake.json")) {
                JsonNode packer = JSON.readTree(works.get("packer").resolve(manifest).toFile());
                JsonNode kiln = JSON.readTree(works.get("kiln").resolve(manifest).toFile());
                assertThat(keys(kiln)).isEqualTo(keys(packer));
                assertThat(keys(kiln.path("builds").get(0))).isEqualTo(keys(packer.path("builds").get(0)));
            }
            Map<String, List<String>> seen = new HashMap<>();
            for (String tool : List.of("packer", "kiln")) {
                String ids = JSON.readTree(works.get(tool).resolve("manifest-snowflake.json").toFile()).path("builds")
                        .get(0).path("artifact_id").asText();
                List<String> regions = new ArrayList<>();
                for (String regionAndAmi : ids.split(",")) {
                    String[] id = regionAndAmi.split(":");
                    ImageView image = ec2.image(id[0], id[1]);
                    assertThat(image.name()).startsWith("snowflake-ci ");
                    regions.add(id[0] + " " + withoutKilns(image.tags()) + " " + image.file("/etc/seed/baseline")
                            + image.file("/etc/seed/docker"));
                }
                seen.put(tool, regions);
            }
            assertThat(seen.get("kiln")).as("each region's tags and files").isEqualTo(seen.get("packer"))
                    .hasSize(2).allSatisfy(region -> assertThat(region).contains("SHA=!!sha!!", "ami=snowflake-ci",
                            "baseline\n", "docker as "));
            assertThat(ec2.leaks()).isEmpty();
        }
    }

    /** The template corpus (templates and the scripts they name), copied for one tool's runs. */
    private static Path copyOfTheCorpus(Path work) throws Exception {
        FileTrees.copyTree(Path.of(SeedTemplatesOracleTest.class.getResource("/templates").toURI()), work);
        return work;
    }

    /** A {@code -machine-readable build} by {@code tool}, which must succeed; its output. */
    private static String build(String tool, Path work, Map<String, String> env, String... args) throws Exception {
        return tool.equals("kiln") ? kiln(work, env, args) : packerBuild(work, env, args);
    }

    /** The first seed's nginx steps with the installs and the service start replaced by writing its file. */
    private static void writingFilesOnly(Path template) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(template.toFile());
        ArrayNode inline = JSON.createArrayNode().add("echo ENABLE NGINX").add("sudo mkdir -p /etc/nginx")
                .add("echo INSTALL NGINX").add("echo 'server { listen 80; }' | sudo tee /etc/nginx/nginx.conf");
        ((ObjectNode) root.path("provisioners").get(0)).set("inline", inline);
        JSON.writerWithDefaultPrettyPrinter().writeValue(template.toFile(), root);
    }
}
