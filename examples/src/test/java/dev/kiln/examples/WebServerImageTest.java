package dev.kiln.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.run.BuildResult;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.run.Outcome;
import dev.kiln.core.run.SourceResult;
import dev.kiln.testkit.ec2.LocalEc2;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The first seed article's spec on LocalEc2, through the code path the AWS run uses. Kiln's local machines have
 * no amazon-linux-extras, yum or systemd, so the article's own steps fail there, honestly; steps that only write
 * the files build the same spec into an AMI.
 */
class WebServerImageTest {
    @TempDir
    static Path dataDir;
    static LocalDemo.Cloud cloud;
    static LocalEc2 ec2;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    static void startLocalEc2() {
        cloud = LocalDemo.start(dataDir);
        ec2 = cloud.ec2();
    }

    @AfterAll
    static void stopLocalEc2() {
        cloud.close();
    }

    @AfterEach
    void nothingLeftBehind() {
        assertThat(ec2.leaks()).as(output()).isEmpty();
    }

    private String output() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private BuildResult build(List<String> steps, Path manifest) {
        return Kiln.builder().listener(new ConsoleListener(new PrintStream(console, true, StandardCharsets.UTF_8)))
                .build().build(WebServerImage.spec(Target.localEc2(ec2), Instant.now(), steps, manifest));
    }

    @Test
    void theArticlesNginxStepsFailOnTheLocalCloudWhereAmazonLinuxExtrasDoesNotExist(@TempDir Path dir) {
        int images = imageCount();

        SourceResult source = build(WebServerImage.NGINX_STEPS, dir.resolve("manifest.json")).sources().get(0);

        assertThat(source.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(source.error().orElseThrow())
                .hasMessageContaining("Script exited with non-zero exit status: 127. Allowed exit codes are: [0]");
        assertThat(output()).contains("ENABLE NGINX", "amazon-linux-extras: not found").doesNotContain("INSTALL NGINX");
        assertThat(imageCount()).isEqualTo(images);
        assertThat(dir.resolve("manifest.json")).doesNotExist();
    }

    @Test
    void theSameSpecWithFileOnlyStepsBuildsThePackerBaseAmi(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("manifest.json");

        BuildResult result = build(List.of("echo WRITE NGINX CONFIG", "sudo mkdir -p /etc/nginx",
                "echo 'server { listen 80; root /usr/share/nginx/html; }' | sudo tee /etc/nginx/nginx.conf"), manifest);

        assertThat(result.succeeded()).as(output()).isTrue();
        String artifactId = result.artifact("amazon-ebs").orElseThrow().id();
        assertThat(artifactId).matches("us-east-1:ami-[0-9a-f]+");
        assertThat(Files.readString(manifest)).contains("\"artifact_id\": \"" + artifactId + "\"");
        assertThat(output()).contains("Creating AMI packer-base-", "server { listen 80;");
        assertThat(ec2.calls("RunInstances").get(ec2.calls("RunInstances").size() - 1).params())
                .containsEntry("ImageId", WebServerImage.AMAZON_LINUX_2)
                .containsEntry("InstanceType", "t2.micro")
                .containsValue("true");
    }

    private int imageCount() {
        try (Ec2Client client = Target.localEc2(ec2).ec2Client()) {
            return client.describeImages(r -> r.owners("self")).images().size();
        }
    }
}
