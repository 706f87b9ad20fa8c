package dev.kiln.ansible;

import static dev.kiln.ansible.Playbooks.playbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.comm.Communicator;
import dev.kiln.core.provision.ProvisionerException;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.junit.LocalEc2Test;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem of an Ansible configuration is reported at once, before any cloud call. */
class AnsibleValidationTest {
    @TempDir
    Path dir;

    @Test
    void aValidConfigurationHasNoProblemsAndTheInstalledAnsibleRuns() {
        assertThat(Ansible.playbook(playbook("site.yml")).groups("web").emptyGroups("db")
                .ansibleEnvVars("ANSIBLE_PIPELINING=True").build().validate()).isEmpty();
    }

    @Test
    void eachProblemNamesItsFieldAndTheFix() {
        List<Problem> problems = Ansible.playbook(dir.resolve("missing.yml"))
                .command("no-such-ansible-playbook")
                .galaxyFile(dir.resolve("requirements.yml"))
                .galaxyCommand("no-such-ansible-galaxy")
                .ansibleEnvVars("ANSIBLE_PIPELINING")
                .groups("web servers")
                .emptyGroups("web servers")
                .hostAlias(" ")
                .keepInventoryFile(true)
                .build().validate();

        assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder("playbookFile", "command",
                "galaxyFile", "galaxyCommand", "ansibleEnvVars[0]", "hostAlias", "groups[0]", "emptyGroups[0]",
                "emptyGroups", "keepInventoryFile");
        assertThat(problems).filteredOn(p -> p.field().equals("command")).singleElement().satisfies(p -> {
            assertThat(p.problem()).contains("`no-such-ansible-playbook --version` cannot start");
            assertThat(p.fix()).contains("apt-get install ansible-core");
        });
        assertThat(problems).filteredOn(p -> p.field().equals("playbookFile")).singleElement()
                .satisfies(p -> assertThat(p.problem()).contains(dir.resolve("missing.yml").toString()));
    }

    @Test
    void toStringShowsNoArgumentOrEnvironmentValue() {
        String text = Ansible.playbook(playbook("site.yml")).extraArguments("-e", "db_password=hunter2")
                .ansibleEnvVars("VAULT_TOKEN=s.abc123").build().toString();

        assertThat(text).contains("extraArguments=2 arguments", "ansibleEnvVars=[VAULT_TOKEN]")
                .doesNotContain("hunter2", "s.abc123");
    }

    @Test
    void anInventoryDirectoryMustExist() {
        assertThat(Ansible.playbook(playbook("site.yml")).inventoryDirectory(dir.resolve("nowhere")).build().validate())
                .extracting(Problem::field).containsExactly("inventoryDirectory");
    }

    @Test
    @LocalEc2Test(machines = false)
    void aBuildWithoutAnsibleStopsBeforeAnyCloudCall(LocalEc2 ec2) {
        ImageSpec spec = ImageSpec.builder("web")
                .source(AmazonEbs.builder().region("us-east-1").endpointOverride(ec2.endpoint())
                        .sourceAmi(BaseImage.AMAZON_LINUX_2.id()).sshUsername("ec2-user").amiName("web-1"))
                .provision(Ansible.playbook(playbook("site.yml")).command(dir.resolve("ansible-playbook").toString()))
                .build();

        assertThatThrownBy(() -> Kiln.builder().build().build(spec)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("provisioners[0].command").hasMessageContaining("apt-get install ansible-core");
        assertThat(ec2.calls()).isEmpty();
    }

    @Test
    void aCommunicatorThatIsNotSshIsRefusedNamingTheLimitation() {
        AnsibleProvisioner ansible = Ansible.playbook(playbook("site.yml")).build();

        // no other communicator exists yet: a mock stands for one
        assertThatThrownBy(() -> ansible.provision(mock(BuildContext.class), mock(Communicator.class)))
                .isInstanceOf(ProvisionerException.class)
                .hasMessageContaining("works only with Kiln's SSH communicator")
                .hasMessageContaining("local SSH adapter");
    }
}
