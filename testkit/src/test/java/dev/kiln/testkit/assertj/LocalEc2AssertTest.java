package dev.kiln.testkit.assertj;

import static dev.kiln.testkit.assertj.KilnAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.testkit.ec2.LocalEc2;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

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
