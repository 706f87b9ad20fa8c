package dev.kiln.ansible;

import static dev.kiln.ansible.Playbooks.playbook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AwsCredentialsSource;
import dev.kiln.aws.WaitTime;
import dev.kiln.aws.Waits;
import dev.kiln.core.Secret;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.ImageView;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.junit.LocalEc2Test;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * amazon-ebs builds on LocalEc2 provisioned by the real ansible-playbook: its machines are real SSH servers in a
 * bubblewrap sandbox, where {@code become} goes through their sudo and the playbook's paths are the machine's own.
 */
@LocalEc2Test
@Timeout(300)
class AnsibleLocalEc2Test {
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Test
    void theCapturedImageHoldsWhatThePlaybookWrote(LocalEc2 ec2) throws Exception {
        BuildResult result = Playbooks.kiln(console).build(spec(ec2, Ansible.playbook(playbook("site.yml"))
                .groups("web")));
        System.out.print(output());
        assertThat(Playbooks.ansibleProcesses()).isEmpty();

        assertThat(result.succeeded()).as(output()).isTrue();
        String[] artifact = result.artifact("amazon-ebs").orElseThrow().id().split(":");
        ImageView image = ec2.image(artifact[0], artifact[1]);
        assertThat(image.file("/srv/www/index.html")).isEqualTo("<h1>Hello from Kiln and Ansible</h1>\n");
        assertThat(image.file("/srv/www/css/site.css")).isEqualTo("h1 { color: #b5451b; }\n");
        assertThat(image.file("/etc/kiln-site.conf")).isEqualTo(
                "# written by Ansible for amazon-ebs (amazon-ebs)\ngreeting=Hello from Ansible\nlogin=ec2-user\n");
        assertThat(image.file("/srv/www/reloaded")).isEqualTo("reloaded for amazon-ebs (amazon-ebs)\n");
        assertThat(image.file("/srv/www/become-user")).isEqualTo("root\n");
        assertThat(output()).contains("RUNNING HANDLER [web : record the reload]");
        assertThat(ec2.leaks()).isEmpty();
    }

    @Test
    void aFailingTaskFailsTheBuildAndEverythingIsUndone(LocalEc2 ec2) {
        BuildResult result = Playbooks.kiln(console).build(spec(ec2, Ansible.playbook(playbook("fail.yml"))));
        System.out.print(output());

        assertThat(result.succeeded()).isFalse();
        assertThat(Playbooks.failure(result)).contains("in task 'break the build on purpose'");
        assertThat(ec2.calls("CreateImage")).isEmpty();
        assertThat(ec2.leaks()).isEmpty();
    }

    @Test
    void aCancelMidPlaybookStopsAnsibleWithinTwoSecondsAndNothingLeaks(LocalEc2 ec2) throws Exception {
        Playbooks.Cancelled cancelled = Playbooks.cancelDuring("wait for the cancel",
                spec(ec2, Ansible.playbook(playbook("slow.yml"))), console);
        System.out.print(output());

        assertThat(cancelled.running()).contains("ansible-playboo", "ssh-agent", "ssh");
        assertThat(cancelled.stopped()).isLessThan(Duration.ofSeconds(2));
        assertThat(cancelled.result().cancelled()).isTrue();
        assertThat(Playbooks.ansibleProcesses()).isEmpty();
        assertThat(ec2.leaks()).isEmpty();
    }

    private static ImageSpec spec(LocalEc2 ec2, AnsibleProvisioner.Builder playbook) {
        return ImageSpec.builder("ansible-web")
                .source(AmazonEbs.builder()
                        .region("us-east-1")
                        .endpointOverride(ec2.endpoint())
                        .credentials(AwsCredentialsSource.staticKeys(Secret.of(ec2.accessKeyId()),
                                Secret.of(ec2.secretAccessKey())))
                        .sourceAmi(BaseImage.AMAZON_LINUX_2.id())
                        .instanceType("t2.micro")
                        .sshUsername("ec2-user")
                        .sshPort(ec2.sshPort())
                        .sshTimeout(Duration.ofSeconds(60))
                        .temporarySecurityGroupSourceCidrs("127.0.0.0/8")
                        .amiName("ansible-web-" + System.nanoTime())
                        .waits(Waits.all(WaitTime.of(Duration.ofMillis(100), Duration.ofMinutes(2)))))
                .provision(playbook)
                .build();
    }

    private String output() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
