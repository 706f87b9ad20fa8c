package dev.kiln.examples;

import dev.kiln.ansible.Ansible;
import dev.kiln.aws.AmiArtifact;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The demo's base image built with an Ansible playbook instead of its shell scripts:
 * {@code images/base/ansible/base.yml} sets the clock to UTC, upgrades the packages (on Ubuntu), installs the
 * static site in {@code /srv/www} and the login user's settings in {@code ~/.config/kiln-demo}, and cleans up,
 * as {@code tasks/baseline.sh} and {@code tasks/cleanup.sh} do. {@code ./demo ansible} builds it on a LocalEc2 in
 * this process (images kept in {@code ~/.kiln/demo-ansible}, or {@code --data-dir DIR}).
 *
 * <pre>{@code
 * ImageSpec base = AnsibleBaseImage.spec(Target.aws("us-east-1"), Path.of("."), Instant.now());
 * }</pre>
 */
public final class AnsibleBaseImage {
    static final String USAGE = "usage: demo ansible [--data-dir DIR (default ~/.kiln/demo-ansible)]";

    private AnsibleBaseImage() {
    }

    /** The base image on {@code target}, provisioned by the playbook; its AMI name stamped with {@code timestamp}. */
    public static ImageSpec spec(Target target, Path workDir, Instant timestamp) {
        Path folder = ExampleFiles.folder(BaseAndSnowflake.BASE, workDir);
        return ImageSpec.builder("base-ansible")
                .source(target.amazonEbs()
                        .sourceAmi(BaseAndSnowflake.UBUNTU_1604)
                        .instanceType("t2.micro")
                        .sshUsername(BaseAndSnowflake.USER)
                        .amiName("baseline-ansible-ubuntu-1604-" + timestamp.getEpochSecond())
                        .amiDescription("baseline-ansible-ubuntu-1604 AMI"))
                .provision(Provisioners.shell().inline(BaseAndSnowflake.WAIT_FOR_CLOUD_INIT))
                .provision(Ansible.playbook(folder.resolve("ansible/base.yml")))
                .build();
    }

    /** Builds the image on a LocalEc2 in this process: {@code ./demo ansible [--data-dir DIR]}. */
    public static void main(String[] args) throws InterruptedException {
        Path dir = LocalDemo.defaultDir().resolveSibling("demo-ansible");
        if (args.length == 2 && args[0].equals("--data-dir")) {
            dir = Path.of(args[1]);
        } else if (args.length != 0) {
            Args.exitWithUsage("unknown arguments", USAGE);
        }
        if (!run(dir, System.out)) {
            System.exit(1);
        }
    }

    /** Starts LocalEc2 on {@code dir}, builds the image, and stops LocalEc2; true when all went well. */
    static boolean run(Path dir, PrintStream out) throws InterruptedException {
        try (CtrlC ctrlC = CtrlC.interruptsThisThread(out); LocalDemo.Cloud cloud = LocalDemo.start(dir)) {
            return build(cloud, dir, out).succeeded() && cloud.ec2().leaks().isEmpty();
        }
    }

    /** Builds the image on a running local cloud, printing Packer's output, the AMI and what was left behind. */
    static BuildResult build(LocalDemo.Cloud cloud, Path dir, PrintStream out) {
        BuildResult result = Kiln.builder().listener(new ConsoleListener(out)).build()
                .build(spec(Target.localEc2(cloud.ec2()), dir, Instant.now()));
        result.artifact("amazon-ebs").ifPresent(ami -> out.println("==> base-ansible: AMI "
                + ((AmiArtifact) ami).amis().get("us-east-1") + " in " + cloud.ec2().dataDir()));
        out.println(cloud.ec2().leaks().isEmpty() ? "LocalEc2: nothing left behind but the AMI"
                : "LocalEc2: LEFT BEHIND " + cloud.ec2().leaks());
        return result;
    }
}
