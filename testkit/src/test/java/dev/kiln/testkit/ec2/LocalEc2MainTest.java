package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

class LocalEc2MainTest {

    @Test
    void startsOnTheGivenOptionsAndPrintsHowToConnect(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LocalEc2 ec2 = LocalEc2Main.start(new String[] {"--port", "0", "--region", "eu-central-1",
                "--data-dir", dir.toString(), "--no-machines", "--ssh-port", "2200"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
             Ec2Client client = Ec2Clients.client(ec2, "eu-central-1")) {
            String printed = bytes.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("endpoint:  " + ec2.endpoint(), "region:    eu-central-1",
                    "AWS_ACCESS_KEY_ID=" + ec2.accessKeyId(), "AWS_SECRET_ACCESS_KEY=" + ec2.secretAccessKey(),
                    "ssh port:  2200");
            assertThat(ec2.dataDir()).isEqualTo(dir);
            assertThat(client.describeRegions().regions()).extracting(r -> r.regionName()).contains("eu-central-1", "us-east-1");
        }
    }

    @Test
    void badOptionsAreNamed() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LocalEc2Main.start(new String[] {"--prot", "1"}, out)).hasMessageContaining("--prot");
        assertThatThrownBy(() -> LocalEc2Main.start(new String[] {"--port", "x"}, out)).hasMessageContaining("--port needs a number");
        assertThatThrownBy(() -> LocalEc2Main.start(new String[] {"--region"}, out)).hasMessageContaining("--region needs a value");
    }
}
