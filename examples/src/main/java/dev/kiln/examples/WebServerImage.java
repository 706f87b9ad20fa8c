package dev.kiln.examples;

import dev.kiln.core.post.PostProcessors;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The first seed article in Kiln: nginx baked into Amazon Linux 2, the Packer template
 * {@code amazon-ebs} + one inline {@code shell} provisioner, as a Java spec.
 *
 * <pre>{@code
 * ImageSpec spec = WebServerImage.spec(Target.aws("us-east-1"), Instant.now(), WebServerImage.NGINX_STEPS,
 *         Path.of("manifest.json"));
 * Kiln.builder().listener(new ConsoleListener(System.out)).build().build(spec);
 * }</pre>
 *
 * <p>Run it against AWS with {@code ./demo nginx [REGION]}. The steps are a parameter because
 * Kiln's local cloud has no yum, amazon-linux-extras or systemd: against LocalEc2 the article's steps fail
 * (exit status 127, command not found), and the tests pass steps that only write files instead.
 */
public final class WebServerImage {
    /** The article's source AMI: Amazon Linux 2 (2018-10) in us-east-1. */
    public static final String AMAZON_LINUX_2 = "ami-0e6d2e8684d4ccb3e";
    /** The article's provisioning: enable nginx with amazon-linux-extras, install it with yum, start it. */
    public static final List<String> NGINX_STEPS = List.of(
            "echo ENABLE NGINX",
            "sudo amazon-linux-extras enable nginx1.12",
            "echo INSTALL NGINX",
            "sudo yum -y install nginx",
            "echo START NGINX",
            "sudo systemctl start nginx");

    private WebServerImage() {
    }

    /**
     * The article's image: {@code t2.micro} from {@link #AMAZON_LINUX_2} as {@code ec2-user}, a public IP,
     * the AMI named {@code packer-base-<timestamp>}, provisioned with {@code steps}, recorded in Packer's
     * manifest format in {@code manifest}.
     */
    public static ImageSpec spec(Target target, Instant timestamp, List<String> steps, Path manifest) {
        return ImageSpec.builder("packer-base")
                .source(target.amazonEbs()
                        .sourceAmi(AMAZON_LINUX_2)
                        .instanceType("t2.micro")
                        .sshUsername("ec2-user")
                        .amiName("packer-base-" + timestamp.getEpochSecond())
                        .associatePublicIpAddress(true)
                        .build())
                .provision(Provisioners.shell().inline(steps).build())
                .postProcess(PostProcessors.manifest(manifest).build())
                .build();
    }

    /** Builds the article's image on AWS: {@code WebServerImage [region]}, default us-east-1. */
    public static void main(String[] args) {
        Target target = Target.aws(Args.region(args, "usage: demo nginx [REGION (default us-east-1)]"));
        BuildResult result;
        try (CtrlC ctrlC = CtrlC.interruptsThisThread(System.out)) {
            result = Kiln.builder().listener(new ConsoleListener(System.out)).build()
                    .build(spec(target, Instant.now(), NGINX_STEPS, Path.of("manifest.json")));
        }
        if (!result.succeeded()) {
            System.exit(1);
        }
    }
}
