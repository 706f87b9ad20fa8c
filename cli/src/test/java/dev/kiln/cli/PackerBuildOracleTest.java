package dev.kiln.cli;

import static dev.kiln.cli.OracleBuilds.PACKER;
import static dev.kiln.cli.OracleBuilds.amiOf;
import static dev.kiln.cli.OracleBuilds.artifactLines;
import static dev.kiln.cli.OracleBuilds.keys;
import static dev.kiln.cli.OracleBuilds.kiln;
import static dev.kiln.cli.OracleBuilds.packerBuild;
import static dev.kiln.cli.OracleBuilds.snapshotTags;
import static dev.kiln.cli.OracleBuilds.withoutKilns;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.testkit.ec2.ImageView;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One template, built by {@code packer build -machine-readable} and by {@code kiln build -machine-readable}
 * against the same LocalEc2: both succeed, their artifact lines (what Rosco-style wrappers parse) have the same
 * shape, their manifests the same keys, and both images hold the file the template writes.
 */
class PackerBuildOracleTest {
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

            String packer = packerBuild(packerDir, env, "-var", "name=packer", "t.json");
            String kiln = kiln(kilnDir, env, "-var", "name=kiln", "t.json");

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

    /** The tag example of Packer's amazon-ebs documentation, with every build template data field. */
    private static final String DOCS_TAGS = """
                  "source_ami": "{{user `source`}}",
                  "ami_name": "{{user `name`}}-{{timestamp}}",
                  "ami_description": "{{user `name`}} from {{ .SourceAMIName }}",
                  "tags": {
                    "OS_Version": "Ubuntu",
                    "Release": "Latest",
                    "Base_AMI_Name": "{{ .SourceAMIName }}",
                    "Extra": "{{ .SourceAMITags.TagName }}",
                    "Missing": "{{ .SourceAMITags.Nope }}",
                    "Source": "{{ .SourceAMI }} {{ .SourceAMICreationDate }} {{ .BuildRegion }}",
                    "Owner": "{{ .SourceAMIOwner }}/{{ .SourceAMIOwnerName }}",
                    "Lower": "{{ .SourceAMIName | lower }}"
                  },
                  "snapshot_tags": { "Base_AMI": "{{ .SourceAMI }}" },
                  "run_tags": { "Base_AMI": "{{ .SourceAMI }}" },""";

    /** An Ubuntu amazon-ebs build on the LocalEc2 with these options added, its credentials from the environment. */
    private static String onLocalEc2(String options, LocalEc2 ec2) {
        return TEMPLATE.substring(0, TEMPLATE.indexOf("\"source_ami\"")) + options.strip() + """

                  "instance_type": "t2.micro",
                  "ssh_username": "ubuntu",
                  "custom_endpoint_ec2": "%s",
                  "ssh_port": %d
                }
              ]
            }
            """.formatted(ec2.endpoint(), ec2.sshPort());
    }

    @Test
    void tagsFromTheBuildTemplateDataMatchPackers(@TempDir Path dir) throws Exception {
        assertThat(PACKER).as("Packer 1.6.6 is needed: apt-get install packer").isExecutable();
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("host"));
             LocalEc2 ec2 = LocalEc2.builder().machineHost(host).dataDir(dir.resolve("ec2")).start()) {
            Map<String, String> env = ec2.clientEnvironment();
            Path baseDir = Files.createDirectories(dir.resolve("base"));
            Files.writeString(baseDir.resolve("t.json"), onLocalEc2("""
                    "source_ami": "ami-aa2ea6d0", "ami_name": "base-{{timestamp}}",
                    "tags": { "TagName": "from the base" },""", ec2));
            String base = amiOf(kiln(baseDir, env, "t.json"));
            Path packerDir = Files.createDirectories(dir.resolve("packer"));
            Path kilnDir = Files.createDirectories(dir.resolve("kiln"));
            Files.writeString(packerDir.resolve("t.json"), onLocalEc2(DOCS_TAGS, ec2));
            Files.writeString(kilnDir.resolve("t.json"), onLocalEc2(DOCS_TAGS, ec2));

            String packerAmi = amiOf(packerBuild(packerDir, env, "-var", "name=built",
                    "-var", "source=" + base, "t.json"));
            String kilnAmi = amiOf(kiln(kilnDir, env, "-var", "name=built", "-var", "source=" + base, "t.json"));

            ImageView packerImage = ec2.image("us-east-1", packerAmi);
            ImageView kilnImage = ec2.image("us-east-1", kilnAmi);
            assertThat(withoutKilns(kilnImage.tags())).isEqualTo(packerImage.tags())
                    .containsEntry("Extra", "from the base").containsEntry("Missing", "<no value>")
                    .containsEntry("Base_AMI_Name", ec2.image("us-east-1", base).name());
            assertThat(kilnImage.description()).isEqualTo(packerImage.description());
            assertThat(withoutKilns(snapshotTags(ec2, kilnImage))).as("the AMI tags, then the snapshot tags over them")
                    .isEqualTo(snapshotTags(ec2, packerImage)).containsEntry("Base_AMI", base)
                    .containsEntry("Extra", "from the base");
            assertThat(ec2.leaks()).isEmpty();
        }
    }

    /**
     * Packer's remote ansible provisioner and Kiln's on one template: the corpus's playbook writes a folder, a copied
     * page, a settings file from the build's variables and a link, with the copy and file modules and become.
     * Packer's provisioner runs with {@code use_proxy: false}, as Kiln's always does: ansible-playbook connects
     * straight to the LocalEc2 machine on its loopback address with the build's key (Packer writes it to a temporary
     * file that it leaves behind, so its TMPDIR is the test's). Packer 1.6.6's proxy offers only an ssh-rsa (SHA-1)
     * host key, which Debian 12's OpenSSH refuses ("no matching host key type found. Their offer: ssh-rsa").
     * Packer's ansible-playbook gets Kiln's ssh settings through its environment: GSSAPI off (Debian's
     * {@code ssh_config} turns it on, which looks hosts up in DNS), no known_hosts written, no control master left.
     */
    @Test
    void anAnsiblePlaybookWritesTheSameFilesAsPackers(@TempDir Path dir) throws Exception {
        assertThat(PACKER).as("Packer 1.6.6 is needed: apt-get install packer").isExecutable();
        Path playbook = Path.of(PackerBuildOracleTest.class.getResource("/templates/ansible/site.yml").toURI());
        try (LocalMachineHost host = LocalMachineHost.create(dir.resolve("host"));
             LocalEc2 ec2 = LocalEc2.builder().machineHost(host).dataDir(dir.resolve("ec2")).start()) {
            String template = withProvisioner(onLocalEc2("""
                    "source_ami": "ami-aa2ea6d0", "ami_name": "{{user `name`}}-{{timestamp}}",""", ec2), """
                    { "type": "ansible", "playbook_file": "%s", "use_proxy": false, "groups": ["web"],
                      "extra_arguments": ["--extra-vars", "tier={{user `tier`}}"] }""".formatted(playbook));
            Path packerDir = Files.createDirectories(dir.resolve("packer"));
            Path kilnDir = Files.createDirectories(dir.resolve("kiln"));
            Files.writeString(packerDir.resolve("t.json"), template);
            Files.writeString(kilnDir.resolve("t.json"), template);
            Map<String, String> packerEnv = new java.util.HashMap<>(ec2.clientEnvironment());
            packerEnv.put("ANSIBLE_SSH_ARGS", "-o ControlMaster=no -o GSSAPIAuthentication=no "
                    + "-o UserKnownHostsFile=/dev/null");
            packerEnv.put("TMPDIR", Files.createDirectories(dir.resolve("packer-tmp")).toString());

            String packerAmi = amiOf(packerBuild(packerDir, packerEnv, "-var", "name=packer",
                    "-var", "tier=web", "t.json"));
            String kilnAmi = amiOf(kiln(kilnDir, ec2.clientEnvironment(), "-var", "name=kiln", "-var", "tier=web",
                    "t.json"));

            ImageView packerImage = ec2.image("us-east-1", packerAmi);
            ImageView kilnImage = ec2.image("us-east-1", kilnAmi);
            assertThat(kilnImage.list("/srv/ansible-site")).isEqualTo(packerImage.list("/srv/ansible-site"))
                    .containsExactly("default.html", "index.html");
            for (String file : List.of("/srv/ansible-site/index.html", "/srv/ansible-site/default.html",
                    "/etc/ansible-site.conf")) {
                assertThat(kilnImage.file(file)).as(file).isEqualTo(packerImage.file(file));
            }
            assertThat(kilnImage.file("/srv/ansible-site/index.html")).isEqualTo("<h1>Provisioned by Ansible</h1>\n");
            assertThat(kilnImage.file("/etc/ansible-site.conf"))
                    .isEqualTo("built=amazon-ebs type=amazon-ebs tier=web\n");
            for (String file : List.of("srv/ansible-site", "srv/ansible-site/index.html", "etc/ansible-site.conf")) {
                assertThat(mode(ec2, kilnAmi, file)).as(file).isEqualTo(mode(ec2, packerAmi, file));
            }
            assertThat(mode(ec2, kilnAmi, "etc/ansible-site.conf")).isEqualTo("rw-------");
            assertThat(Files.readSymbolicLink(root(ec2, kilnAmi).resolve("srv/ansible-site/default.html")))
                    .isEqualTo(Files.readSymbolicLink(root(ec2, packerAmi).resolve("srv/ansible-site/default.html")))
                    .isEqualTo(Path.of("/srv/ansible-site/index.html"));
            assertThat(ec2.leaks()).isEmpty();
        }
    }

    /** {@code template} with this one provisioner. */
    private static String withProvisioner(String template, String provisioner) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(template);
        tree.putArray("provisioners").add(json.readTree(provisioner));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    }

    /** The image's files as LocalEc2 keeps them. */
    private static Path root(LocalEc2 ec2, String ami) {
        return ec2.dataDir().resolve("images/us-east-1/" + ami + "/root");
    }

    /** The permissions of a file of the image, e.g. {@code rw-r--r--}. */
    private static String mode(LocalEc2 ec2, String ami, String file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(root(ec2, ami).resolve(file),
                LinkOption.NOFOLLOW_LINKS));
    }
}
