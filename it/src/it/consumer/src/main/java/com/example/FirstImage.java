package com.example;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.core.post.PostProcessors;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The README's first snippet: the lines between the markers are the README's first Java block, word for word
 * ({@code FirstImageTest} checks it and runs this against LocalEc2).
 */
public final class FirstImage {
    private FirstImage() {
    }

    /** Builds the image on AWS, with credentials and region settings from the SDK's default chain. */
    public static void main(String[] args) {
        // README: begin
        ImageSpec web = ImageSpec.builder("web")
                .source(AmazonEbs.builder()
                        .region("us-east-1")
                        .sourceAmi("ami-0e6d2e8684d4ccb3e")
                        .instanceType("t2.micro")
                        .sshUsername("ec2-user")
                        .amiName("web-" + Instant.now().getEpochSecond())
                        .build())
                .provision(Provisioners.shell()
                        .inline("echo 'Built with Kiln' | sudo tee /etc/motd",
                                "sudo mkdir -p /srv/www",
                                "echo '<h1>Hello from Kiln</h1>' | sudo tee /srv/www/index.html")
                        .build())
                .postProcess(PostProcessors.manifest(Path.of("manifest.json")).build())
                .build();

        BuildResult result = Kiln.builder().listener(new ConsoleListener(System.out)).build().build(web);
        System.out.println(result.artifact("amazon-ebs").orElseThrow().id()); // us-east-1:ami-...
        // README: end
    }
}
