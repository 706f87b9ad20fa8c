package dev.kiln.ansible;

import static dev.kiln.ansible.Playbooks.playbook;
import static dev.kiln.ansible.Playbooks.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.provision.ProvisionerException;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.ssh.HostKeyPolicy;
import dev.kiln.ssh.SshKeyPair;
import dev.kiln.ssh.SshKeys;
import dev.kiln.ssh.SshTarget;
import dev.kiln.testkit.openssh.OpenSshServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real playbooks run by the real ansible-playbook against real OpenSSH sshd processes on loopback, as the user
 * running the tests: every path the playbooks write is under a temp directory ({@code -e prefix=DIR}), and
 * {@code become} is turned off (the extra variable {@code ansible_become} is false) since the host has no sudo of its own; the
 * LocalEc2 tests run the same playbook with become.
 */
@Timeout(300)
class AnsibleOpenSshTest {
    static final SshKeyPair KEYS = SshKeys.generate();
    @TempDir
    Path dir;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final List<Path> workspacesBefore = Playbooks.workspaces();

    @AfterEach
    void printOutput() {
        System.out.print(output());
    }

    @Test
    void aRoleWithTemplateCopyAndHandlerRunsWithThePinnedHostKeyAndTheKeyNeverOnDisk() throws Exception {
        try (OpenSshServer sshd = started()) {
            BuildResult result;
            try (RunWatch watch = new RunWatch(KEYS.privateKey())) {
                result = kiln().build(spec(target(sshd).build(), site()));
                assertThat(result.succeeded()).as(output()).isTrue();
                assertThat(watch.scansWhileAnsibleRan()).as("scans while ansible-playbook ran").isPositive();
                assertThat(watch.keyFiles()).as("files holding the private key").isEmpty();
                assertThat(watch.names()).as("Ansible's processes seen").contains("ssh-agent", "ssh");
                assertThat(watch.alive()).as("Ansible's processes after the step").isEmpty();
            }
            assertThat(read(dir.resolve("srv/www/index.html"))).isEqualTo("<h1>Hello from Kiln and Ansible</h1>\n");
            assertThat(read(dir.resolve("srv/www/css/site.css"))).isEqualTo("h1 { color: #b5451b; }\n");
            assertThat(read(dir.resolve("etc/kiln-site.conf"))).isEqualTo(
                    "# written by Ansible for ssh-host (null)\ngreeting=Hello from Ansible\nlogin=" + sshd.user() + "\n");
            assertThat(read(dir.resolve("srv/www/reloaded"))).isEqualTo("reloaded for ssh-host (null)\n");
            assertThat(output()).contains("Provisioning with Ansible (ansible-playbook [core ")
                    .contains("RUNNING HANDLER [web : record the reload]").contains("ok=6");
            assertThat(Playbooks.workspaces()).isEqualTo(workspacesBefore);
        }
    }

    @Test
    void theSamePlaybookGoesThroughTheBastion() throws Exception {
        try (OpenSshServer bastion = started(); OpenSshServer machine = started()) {
            SshTarget viaBastion = target(machine)
                    .bastion(target(bastion).build())
                    .build();
            BuildResult result = kiln().build(spec(viaBastion, site()));

            assertThat(result.succeeded()).as(output()).isTrue();
            assertThat(read(dir.resolve("srv/www/index.html"))).contains("Hello from Kiln and Ansible");
            // Kiln's own connection logs in once; each of Ansible's ssh sessions logs in through the bastion again
            assertThat(bastion.log().stream().filter(l -> l.contains("Accepted publickey")).count()).isGreaterThan(2);
        }
    }

    @Test
    void twoBastionsDeepTheNestedProxyCommandsReachTheMachine() throws Exception {
        try (OpenSshServer outer = started(); OpenSshServer inner = started(); OpenSshServer machine = started()) {
            SshTarget viaTwo = target(machine)
                    .bastion(target(inner).bastion(target(outer).build()).build())
                    .build();
            BuildResult result = kiln().build(spec(viaTwo, site()));

            assertThat(result.succeeded()).as(output()).isTrue();
            assertThat(read(dir.resolve("srv/www/index.html"))).contains("Hello from Kiln and Ansible");
            assertThat(outer.log().stream().filter(l -> l.contains("Accepted publickey")).count()).isGreaterThan(2);
            assertThat(inner.log().stream().filter(l -> l.contains("Accepted publickey")).count()).isGreaterThan(2);
        }
    }

    @Test
    void theGenericTimeoutStopsThePlaybookAndCleansUp() throws Exception {
        try (OpenSshServer sshd = started(); RunWatch watch = new RunWatch(KEYS.privateKey())) {
            BuildResult result = kiln().build(ImageSpec.builder("ansible-test").source(new SshHostSource(target(sshd)
                    .build())).provision(Ansible.playbook(playbook("slow.yml")), o -> o.timeout(Duration.ofSeconds(5)))
                    .build());

            assertThat(result.succeeded()).isFalse();
            assertThat(Playbooks.failure(result)).contains("The ansible provisioner did not finish within its timeout of PT5S");
            assertThat(watch.alive()).isEmpty();
            assertThat(Playbooks.workspaces()).isEqualTo(workspacesBefore);
        }
    }

    @Test
    void aFailingTaskFailsTheBuildWithItsNameExitStatusAndOutputTail() throws Exception {
        try (OpenSshServer sshd = started(); RunWatch watch = new RunWatch(KEYS.privateKey())) {
            BuildResult result = kiln().build(spec(target(sshd).build(), Ansible.playbook(playbook("fail.yml"))));

            assertThat(result.succeeded()).isFalse();
            Throwable error = result.sources().get(0).error().orElseThrow();
            assertThat(error).isInstanceOf(ProvisionerException.class)
                    .hasMessageContaining("Ansible playbook fail.yml failed with exit status 2 in task "
                            + "'break the build on purpose'");
            ProvisionerException failed = (ProvisionerException) error;
            assertThat(failed.exitStatus()).hasValue(2);
            assertThat(failed.outputTail()).anyMatch(l -> l.startsWith("fatal: [default]: FAILED!"))
                    .anyMatch(l -> l.startsWith("PLAY RECAP"));
            assertThat(output()).doesNotContain("TASK [never reached]");
            assertThat(watch.alive()).isEmpty();
            assertThat(watch.keyFiles()).isEmpty();
            assertThat(Playbooks.workspaces()).isEqualTo(workspacesBefore);
        }
    }

    @Test
    void aCancelMidPlaybookStopsAnsibleAndItsChildrenLongBeforeThePlaybookWouldEnd() throws Exception {
        try (OpenSshServer sshd = started(); RunWatch watch = new RunWatch(KEYS.privateKey())) {
            Playbooks.Cancelled cancelled = Playbooks.cancelDuring("wait for the cancel",
                    spec(target(sshd).build(), Ansible.playbook(playbook("slow.yml"))), console);

            assertThat(cancelled.running()).as("Ansible's processes at the cancel")
                    .contains("ansible-playboo", "ssh-agent", "ssh");
            // the task sleeps 300 s; the bound leaves room for a machine whose cores are both busy
            assertThat(cancelled.stopped()).as("time from cancel until Ansible's processes were gone")
                    .isLessThan(Duration.ofSeconds(20));
            assertThat(cancelled.result().cancelled()).as(output()).isTrue();
            assertThat(watch.alive()).isEmpty();
            assertThat(watch.keyFiles()).isEmpty();
            assertThat(Playbooks.workspaces()).isEqualTo(workspacesBefore);
        }
    }

    @Test
    void aMachineSwappedAfterKilnVerifiedItsHostKeyIsRefusedByOpenSsh() throws Exception {
        try (OpenSshServer machine = started(); OpenSshServer impostor = started();
                SwitchingRelay relay = new SwitchingRelay(machine.port(), impostor.port())) {
            SshTarget target = target(machine).port(relay.port()).build();
            BuildResult result = kiln().build(spec(target, site()));

            assertThat(result.succeeded()).isFalse();
            assertThat(Playbooks.failure(result)).contains("failed with exit status 4");
            assertThat(output()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
                    .contains("Host key verification failed");
            assertThat(impostor.log()).noneMatch(l -> l.contains("Accepted publickey"));
            assertThat(dir.resolve("srv")).doesNotExist();
        }
    }

    @Test
    void galaxyInstallsARoleFromALocalArchiveWithNoInternet() throws Exception {
        Path role = dir.resolve("src/greeter");
        Files.createDirectories(role.resolve("meta"));
        Files.createDirectories(role.resolve("tasks"));
        Files.writeString(role.resolve("meta/main.yml"), "galaxy_info:\n  author: kiln\n  description: greets\n"
                + "  license: Apache-2.0\n  min_ansible_version: \"2.14\"\n  platforms: []\ndependencies: []\n");
        Files.writeString(role.resolve("tasks/main.yml"), "- name: greet\n  ansible.builtin.copy:\n"
                + "    content: \"hello from galaxy\\n\"\n    dest: \"{{ prefix }}/greeting\"\n");
        Path archive = dir.resolve("greeter.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", dir.resolve("src").toString(), "greeter")
                .inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        Path requirements = Files.writeString(dir.resolve("requirements.yml"),
                "roles:\n  - src: " + archive + "\n    name: greeter\n");
        Path roles = dir.resolve("roles");

        try (OpenSshServer sshd = started()) {
            BuildResult result = kiln().build(spec(target(sshd).build(), Ansible.playbook(playbook("greet.yml"))
                    .galaxyFile(requirements).rolesPath(roles).extraArguments("-e", "prefix=" + dir)));

            assertThat(result.succeeded()).as(output()).isTrue();
            assertThat(roles.resolve("greeter/tasks/main.yml")).exists();
            assertThat(read(dir.resolve("greeting"))).isEqualTo("hello from galaxy\n");
            assertThat(output()).contains("Installing Ansible roles and collections from " + requirements);
        }
    }

    private AnsibleProvisioner.Builder site() {
        return Ansible.playbook(playbook("site.yml")).extraArguments("-e", "prefix=" + dir, "-e", "{\"ansible_become\": false}");
    }

    private static ImageSpec spec(SshTarget target, AnsibleProvisioner.Builder provisioner) {
        return ImageSpec.builder("ansible-test").source(new SshHostSource(target)).provision(provisioner).build();
    }

    private static OpenSshServer started() {
        OpenSshServer sshd = OpenSshServer.builder().authorizedKey(KEYS.publicKeyLine()).build();
        sshd.start();
        return sshd;
    }

    /** A target logging in with the test key, holding the server to its own host key. */
    private static SshTarget.Builder target(OpenSshServer sshd) {
        return SshTarget.builder().host(sshd.host()).port(sshd.port()).user(sshd.user()).privateKey(KEYS.privateKey())
                .hostKeyPolicy(HostKeyPolicy.pinned(sshd.hostKeyFingerprint()))
                .connectTimeout(Duration.ofSeconds(5)).readyTimeout(Duration.ofSeconds(30));
    }

    private Kiln kiln() {
        return Playbooks.kiln(console);
    }

    private String output() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
