package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kiln.ansible.AnsibleProvisioner;
import dev.kiln.aws.AmazonEbs;
import dev.kiln.core.Secret;
import dev.kiln.core.post.ManifestPostProcessor;
import dev.kiln.core.provision.FileProvisioner;
import dev.kiln.core.provision.ShellProvisioner;
import dev.kiln.core.provision.TransferDirection;
import dev.kiln.core.spec.ConfiguredProvisioner;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackerTemplateTest {
    private static final Instant START = Instant.parse("2026-11-26T07:30:00Z");
    private static Path templates;

    @BeforeAll
    static void findTemplates() throws URISyntaxException {
        templates = Path.of(PackerTemplateTest.class.getResource("/templates").toURI());
    }

    private static PackerTemplate.Loader loader(String template) {
        return PackerTemplate.loader(Path.of(template)).workingDirectory(templates).startTime(START)
                .environment(Map.of("SHA", "0123abcd", "AMI_BASE", "ami-aa2ea6d0", "HOME", "/home/kiln")::get);
    }

    @Test
    void theFirstSeedTemplateBecomesOneSpecWithTheArticlesSettings() {
        PackerTemplate template = loader("valid/seed1-example.json").load();
        ImageSpec spec = template.imageSpec("amazon-ebs").orElseThrow();
        AmazonEbs ebs = (AmazonEbs) spec.sources().get(0);
        assertThat(ebs.region()).isEqualTo("us-east-1");
        assertThat(ebs.sourceAmi()).isEqualTo("ami-0e6d2e8684d4ccb3e");
        assertThat(ebs.instanceType()).isEqualTo("t2.micro");
        assertThat(ebs.sshUsername()).isEqualTo("ec2-user");
        assertThat(ebs.amiName()).isEqualTo("packer-base-" + START.getEpochSecond());
        assertThat(ebs.associatePublicIpAddress()).isTrue();
        assertThat(ebs.credentials()).as("empty keys from an unset environment mean the SDK's chain")
                .isEqualTo(AmazonEbs.builder().build().credentials());
        ShellProvisioner shell = (ShellProvisioner) spec.provisioners().get(0).provisioner();
        assertThat(shell.inline()).hasSize(6).startsWith("echo ENABLE NGINX");
        assertThat(spec.variables().plain()).containsEntry("region", "us-east-1").containsEntry("aws_access_key", "");
    }

    @Test
    void theSecondSeedTemplateReadsTheEnvironmentAndWritesItsManifest() {
        ImageSpec spec = loader("valid/seed2-base.json").load().imageSpecs().get(0);
        AmazonEbs ebs = (AmazonEbs) spec.sources().get(0);
        assertThat(ebs.amiTags()).containsEntry("SHA", "0123abcd").containsEntry("AMI", "baseline-ubuntu-1604");
        assertThat(ebs.runTags()).containsEntry("ami-create", "baseline-ubuntu-1604");
        assertThat(ebs.amiName()).isEqualTo("baseline-ubuntu-1604 " + START.getEpochSecond());
        assertThat(((ShellProvisioner) spec.provisioners().get(1).provisioner()).scripts())
                .containsExactly(templates.resolve("./base/tasks/baseline.sh"), templates.resolve("./base/tasks/cleanup.sh"),
                        templates.resolve("./base/tasks/debug.sh"));
        ManifestPostProcessor manifest = (ManifestPostProcessor) spec.postProcessors().get(0);
        assertThat(manifest.output()).isEqualTo(templates.resolve("manifest-base.json"));
    }

    @Test
    void executeCommandsKeepThePathAndVarsPlaceholdersForTheShellProvisioner() {
        ImageSpec spec = loader("valid/seed2-snowflake.json").load().imageSpecs().get(0);
        assertThat(spec.provisioners().get(1).provisioner().toString())
                .contains("executeCommand=chmod +x {{.Path}}; {{.Vars}} sudo -E {{.Path}}");
        AmazonEbs ebs = (AmazonEbs) spec.sources().get(0);
        assertThat(ebs.sourceAmi()).isEqualTo("ami-aa2ea6d0");
        assertThat(ebs.subnetId()).as("an empty string is unset, as in Packer").isNull();
    }

    @Test
    void onlyExceptAndOverridesGiveEachBuildItsOwnProvisioners() {
        PackerTemplate template = loader("valid/docs-provisioners.json").variable("db_password", "s3cret").load();
        ImageSpec web = template.imageSpec("web").orElseThrow();
        ImageSpec worker = template.imageSpec("worker").orElseThrow();
        assertThat(web.provisioners()).extracting(p -> p.provisioner().type()).containsExactly("file", "file", "shell", "shell");
        assertThat(worker.provisioners()).extracting(p -> p.provisioner().type()).containsExactly("file", "shell");
        assertThat(((ShellProvisioner) worker.provisioners().get(1).provisioner()).inline()).containsExactly("echo worker");
        assertThat(((ShellProvisioner) web.provisioners().get(3).provisioner()).inline())
                .containsExactly("echo web on amazon-ebs", "echo " + templates.resolve("valid"));
        ConfiguredProvisioner script = web.provisioners().get(2);
        assertThat(script.options().pauseBefore()).isEqualTo(Duration.ofSeconds(10));
        assertThat(script.options().maxRetries()).isEqualTo(3);
        assertThat(script.options().timeout()).isEqualTo(Duration.ofMinutes(5));
        FileProvisioner download = (FileProvisioner) web.provisioners().get(1).provisioner();
        assertThat(download.direction()).isEqualTo(TransferDirection.DOWNLOAD);
        assertThat(download.destination()).isEqualTo(templates.resolve("logs") + "/");
        assertThat(web.errorCleanup()).isPresent();
        assertThat(web.postProcessors()).hasSize(4);
        assertThat(worker.postProcessors()).hasSize(3);
        List<Optional<String>> runs = Stream.concat(web.postProcessors().stream(), worker.postProcessors().stream())
                .filter(ManifestPostProcessor.class::isInstance).map(p -> ((ManifestPostProcessor) p).runUuid()).toList();
        assertThat(runs).as("one run: every manifest of every build records one run uuid, as Packer's PACKER_RUN_UUID")
                .hasSize(7).allSatisfy(run -> assertThat(run).isPresent()).containsOnly(runs.get(0));
        assertThat(web.variables().sensitive()).containsEntry("db_password", Secret.of("s3cret"));
        assertThat(web.variables().plain()).containsEntry("greeting", "hello 1.2.3").doesNotContainKey("db_password");
    }

    @Test
    void onlyAndExceptSelectBuilds() {
        assertThat(loader("valid/docs-provisioners.json").variable("db_password", "x").only("worker").load().imageSpecs())
                .extracting(ImageSpec::name).containsExactly("worker");
        assertThat(loader("valid/docs-provisioners.json").variable("db_password", "x").except("worker").load().imageSpecs())
                .extracting(ImageSpec::name).containsExactly("web");
    }

    @Test
    void whatKilnLacksIsAProblemNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, """
                { "builders": [
                    { "type": "amazon-ebs", "region": "us-east-1", "source_ami": "ami-0e6d2e8684d4ccb3e",
                      "instance_type": "t2.micro", "ssh_username": "ec2-user", "ami_name": "x-{{timestamp}}",
                      "spot_price": "auto", "tags": { "src": "{{ .SourceAMI }}" } },
                    { "type": "vmware-iso" } ],
                  "provisioners": [ { "type": "chef-solo", "cookbook_paths": ["cookbooks"] },
                                    { "type": "shell", "inline": ["x"], "binary": true } ],
                  "post-processors": [ "docker-import" ] }
                """);
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> PackerTemplate.loader(file).startTime(START).load());
        assertThat(e.problems()).extracting(Problem::field, Problem::problem).anySatisfy(t -> assertThat(t.toList())
                .containsExactly("build 'amazon-ebs': builder 'amazon-ebs': spot_price",
                        "is not an option Kiln supports for amazon-ebs"));
        assertThat(e.problems()).extracting(Problem::toString).noneMatch(p -> p.contains(": tags"));
        assertThat(e.problems()).extracting(Problem::toString)
                .anySatisfy(p -> assertThat(p).contains("builder type 'vmware-iso' is not supported by Kiln; supported: amazon-ebs, docker"))
                .anySatisfy(p -> assertThat(p).contains("provisioner type 'chef-solo' is not supported by Kiln; supported: ansible, file, shell"))
                .anySatisfy(p -> assertThat(p).contains("provisioner 2: binary: is not an option Kiln supports"))
                .anySatisfy(p -> assertThat(p).contains("post-processor type 'docker-import' is not supported by Kiln; "
                        + "supported: docker-push, docker-save, docker-tag, manifest"));
    }

    @Test
    void kilnsOwnChecksAreReportedUnderPackerNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, """
                { "builders": [ { "type": "amazon-ebs", "region": "us-east-1", "source_ami": "ami-0e6d2e8684d4ccb3e",
                                  "instance_type": "t2.micro", "ssh_username": "ec2-user", "ami_name": "a:b" } ] }
                """);
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> PackerTemplate.loader(file).load());
        assertThat(e.problems()).extracting(Problem::field).containsExactly("build 'amazon-ebs': builder 'amazon-ebs': ami_name");
        assertThat(e.problems().get(0).problem()).isEqualTo("'a:b' is not a valid AMI name");
    }

    @Test
    void theAnsibleProvisionerTakesItsOptionsByTheirPackerNames() {
        ImageSpec spec = loader("valid/docs-ansible.json").load().imageSpecs().get(0);
        ConfiguredProvisioner configured = spec.provisioners().get(0);
        AnsibleProvisioner ansible = (AnsibleProvisioner) configured.provisioner();
        assertThat(ansible.playbookFile()).isEqualTo(templates.resolve("./ansible/site.yml"));
        assertThat(ansible.extraArguments()).containsExactly("--extra-vars", "tier=web");
        assertThat(ansible.ansibleEnvVars()).containsExactly("ANSIBLE_HOST_KEY_CHECKING=False", "ANSIBLE_NOCOLOR=True");
        assertThat(ansible.groups()).containsExactly("web");
        assertThat(ansible.emptyGroups()).containsExactly("db");
        assertThat(ansible.hostAlias()).isEqualTo("default");
        assertThat(ansible.user()).isEqualTo("ec2-user");
        assertThat(ansible.useSftp()).isFalse();
        assertThat(configured.options().maxRetries()).as("a number, as Packer reads it").isEqualTo(1);
        assertThat(configured.options().timeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void whatKilnsAnsibleLacksIsAProblemNamingIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("site.yml"), "- hosts: all\n  tasks: []\n");
        Path file = dir.resolve("t.json");
        Files.writeString(file, """
                { "builders": [
                    { "type": "amazon-ebs", "region": "us-east-1", "source_ami": "ami-0e6d2e8684d4ccb3e",
                      "instance_type": "t2.micro", "ssh_username": "ec2-user", "ami_name": "x-{{timestamp}}" },
                    { "type": "docker", "image": "debian", "commit": true } ],
                  "provisioners": [
                    { "type": "ansible", "playbook_file": "site.yml", "user": "ubuntu", "local_port": 2222,
                      "sftp_command": "/usr/lib/sftp-server", "inventory_file": "hosts", "skip_version_check": true,
                      "galaxy_force_install": false, "ansible_ssh_extra_args": ["-o Foo=bar"], "nosuch": 1,
                      "command": "./bin/ansible-playbook" } ] }
                """);
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> PackerTemplate.loader(file).workingDirectory(dir).startTime(START).load());
        List<String> ebs = e.problems().stream().map(Problem::toString)
                .filter(p -> p.startsWith("build 'amazon-ebs': provisioner 1: ")).toList();
        assertThat(ebs).anySatisfy(p -> assertThat(p).contains("user: names only the login to Packer's SSH proxy "
                        + "(use_proxy is unset)", "set \"use_proxy\": false"))
                .anySatisfy(p -> assertThat(p).contains("local_port: is an option of Packer's SSH proxy"))
                .anySatisfy(p -> assertThat(p).contains("sftp_command: is an option of Packer's SSH proxy"))
                .anySatisfy(p -> assertThat(p).contains("inventory_file: is not supported by Kiln"))
                .anySatisfy(p -> assertThat(p).contains("skip_version_check: is not supported by Kiln"))
                .anySatisfy(p -> assertThat(p).contains("ansible_ssh_extra_args: is not supported by Kiln",
                        "[\"--ssh-extra-args\", \"-o Name=value\"]"))
                .anySatisfy(p -> assertThat(p).contains("nosuch: is not an option Kiln supports for the ansible "
                        + "provisioner", "supported options: playbook_file, command,"))
                .anySatisfy(p -> assertThat(p).contains("command: cannot run on this machine: `"
                        + dir.resolve("./bin/ansible-playbook") + " --version` cannot start", "or set \"command\" to"))
                .noneSatisfy(p -> assertThat(p).contains("provisioner 1: galaxy_force_install:"))
                .noneSatisfy(p -> assertThat(p).contains("provisioner 1: playbook_file:"));
        assertThat(e.problems()).extracting(Problem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("build 'docker': provisioner 1: the ansible provisioner "
                        + "reaches the machine over SSH"));
    }
}
