package dev.kiln.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.aws.AmiArtifact;
import dev.kiln.core.run.BuildResult;
import dev.kiln.testkit.ec2.ImageView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's base image built by its Ansible playbook on LocalEc2, as {@code ./demo ansible} runs it. */
class AnsibleBaseImageTest {

    @Test
    void thePlaybookBakesTheSiteSettingsAndUtcClockIntoTheAmi(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ImageView image;
        Path root;
        try (LocalDemo.Cloud cloud = LocalDemo.start(dir)) {
            BuildResult result = AnsibleBaseImage.build(cloud, dir, new PrintStream(console, true, StandardCharsets.UTF_8));
            String output = console.toString(StandardCharsets.UTF_8);
            System.out.print(output);

            assertThat(result.succeeded()).as(output).isTrue();
            assertThat(output).contains("Provisioning with Ansible").contains("TASK [install the static site]");
            assertThat(cloud.ec2().leaks()).isEmpty();
            String ami = ((AmiArtifact) result.artifact("amazon-ebs").orElseThrow()).amis().get("us-east-1");
            image = cloud.ec2().image("us-east-1", ami);
            // the view follows links inside the image, and this one points into /usr, which images don't hold
            root = cloud.ec2().dataDir().resolve("images/us-east-1").resolve(ami).resolve("root");
            assertThat(image.exists("/srv/www/index.html")).isTrue();
            assertThat(image.exists("/srv/www/style.css")).isTrue();
            assertThat(image.file("/home/ubuntu/.config/kiln-demo/site.conf")).contains("site_root=/srv/www");
        }
        assertThat(Files.readSymbolicLink(root.resolve("etc/localtime"))).isEqualTo(Path.of("/usr/share/zoneinfo/UTC"));
    }
}
