package dev.kiln.testkit.assertj;

import static dev.kiln.testkit.assertj.KilnAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.ec2.internal.ImageStore;
import dev.kiln.testkit.ec2.internal.state.Image;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEc2AssertTest {

    @Test
    void hasNoLeaksListsEveryLeak() throws Exception {
        try (LocalEc2 ec2 = LocalEc2.create()) {
            assertThat(ec2).hasNoLeaks();
            post(ec2.endpoint(), "Action=CreateSecurityGroup&GroupName=left-behind&GroupDescription=d");
            post(ec2.endpoint(), "Action=CreateKeyPair&KeyName=forgotten&KeyType=ed25519");
            assertThatThrownBy(() -> assertThat(ec2).hasNoLeaks())
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("2 resource(s) were left behind")
                    .hasMessageContaining("us-east-1 security-group sg-")
                    .hasMessageContaining("(left-behind)")
                    .hasMessageContaining("us-east-1 key-pair key-")
                    .hasMessageContaining("(forgotten)");
        }
    }

    @Test
    void anImagePassesOnWhatItHasAndFailsSayingWhatItHas(@TempDir Path dataDir) throws Exception {
        String ami = "ami-0123456789abcdef0";
        saveImage(dataDir, ami);
        try (LocalEc2 ec2 = LocalEc2.builder().dataDir(dataDir).start()) {
            assertThat(ec2).image(ami).hasState("available").hasName("web").hasTag("Name", "web")
                    .hasFile("/etc/app.conf").fileContains("/etc/app.conf", "port=8080").doesNotHaveFile("/etc/motd");
            assertThat(ec2).image("us-east-1", ami).hasFile("/srv/www/index.html");
            assertThat(ec2.image("us-east-1", ami)).hasTag("Name", "web");
            String image = "image " + ami + " (web, available) in us-east-1";

            assertThatThrownBy(() -> assertThat(ec2).image("ami-00000000000000000")).isInstanceOf(AssertionError.class)
                    .hasMessage("Expected " + ec2 + " to have the image ami-00000000000000000 in us-east-1, but: "
                            + "LocalEc2 has no image ami-00000000000000000 in us-east-1; there are "
                            + BaseImage.AMAZON_LINUX_2.id() + " (" + BaseImage.AMAZON_LINUX_2.name() + "), "
                            + BaseImage.UBUNTU_16_04.id() + " (" + BaseImage.UBUNTU_16_04.name() + "), " + ami + " (web)");
            assertThatThrownBy(() -> assertThat(ec2).image(ami).hasState("pending"))
                    .hasMessage("Expected " + image + " to be pending, but it is available");
            assertThatThrownBy(() -> assertThat(ec2).image(ami).hasName("api"))
                    .hasMessage("Expected " + image + " to be named api, but it is named web");
            assertThatThrownBy(() -> assertThat(ec2).image(ami).hasTag("Name", "api"))
                    .hasMessage("Expected " + image + " to have the tag Name=api, but its tags are {Name=web, team=images}");
            assertThatThrownBy(() -> assertThat(ec2).image(ami).hasFile("/etc/motd"))
                    .hasMessage("Expected " + image + " to have the file /etc/motd, but: no /etc/motd in image " + ami
                            + " in us-east-1; /etc holds [app.conf]");
            assertThatThrownBy(() -> assertThat(ec2).image(ami).fileContains("/etc/app.conf", "port=9090"))
                    .hasMessage(String.format("Expected /etc/app.conf of %s to contain%n  port=9090%nbut it holds%n"
                            + "  port=8080%n", image));
            assertThatThrownBy(() -> assertThat(ec2).image(ami).doesNotHaveFile("/srv/www"))
                    .hasMessage("Expected " + image + " to have nothing at /srv/www, but it has");
        }
    }

    @Test
    void callsAreTheActionsAnsweredInOrder() throws Exception {
        try (LocalEc2 ec2 = LocalEc2.create()) {
            post(ec2.endpoint(), "Action=DescribeRegions");
            post(ec2.endpoint(), "Action=DescribeImages&Owner.1=self");
            post(ec2.endpoint(), "Action=DescribeKeyPairs");

            assertThat(ec2).calls().containsSubsequence("DescribeRegions", "DescribeKeyPairs")
                    .containsExactly("DescribeRegions", "DescribeImages", "DescribeKeyPairs");
            assertThatThrownBy(() -> assertThat(ec2).calls().containsSubsequence("DescribeKeyPairs", "DescribeRegions"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("[the actions " + ec2 + " answered]")
                    .hasMessageContaining("[\"DescribeRegions\", \"DescribeImages\", \"DescribeKeyPairs\"]");
        }
    }

    /** An image as a LocalEc2 of an earlier run left it in the data directory: metadata and files. */
    private static void saveImage(Path dataDir, String ami) throws IOException {
        ImageStore store = new ImageStore(dataDir);
        Image image = new Image(ami);
        image.name = "web";
        image.ownerId = LocalEc2.DEFAULT_ACCOUNT_ID;
        image.defaultUser = "ec2-user";
        image.snapshotId = "snap-0123456789abcdef0";
        image.tags.put("team", "images");
        image.tags.put("Name", "web");
        image.root = store.rootOf("us-east-1", ami);
        Files.createDirectories(image.root.resolve("etc"));
        Files.writeString(image.root.resolve("etc/app.conf"), "port=8080\n");
        Files.createDirectories(image.root.resolve("srv/www"));
        Files.writeString(image.root.resolve("srv/www/index.html"), "<h1>hi</h1>");
        store.save("us-east-1", image);
    }

    /** A bare Query-protocol request without SigV4: LocalEc2 answers it in its default region. */
    private static void post(URI endpoint, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2016-11-15")).build(),
                HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(response.body()).contains("xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"", "<requestId>");
    }
}
