package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.Secret;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

class AwsCredentialsSourceTest {

    @Test
    void eachSourceGivesTheMatchingSdkProviderWithoutCallingAws() {
        assertThat(AwsCredentialsSource.defaultChain().provider("us-east-1", null)).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(AwsCredentialsSource.profile("images").provider("us-east-1", null))
                .isInstanceOf(ProfileCredentialsProvider.class);
        var keys = AwsCredentialsSource.staticKeys(Secret.of("AKIAEXAMPLE"), Secret.of("secret"), Secret.of("token"))
                .provider("us-east-1", null);
        assertThat(keys).isInstanceOf(StaticCredentialsProvider.class);
        assertThat(keys.resolveCredentials()).isInstanceOfSatisfying(AwsSessionCredentials.class,
                c -> assertThat(c.sessionToken()).isEqualTo("token"));
        var role = AwsCredentialsSource.assumeRole("arn:aws:iam::123456789012:role/builder", "kiln",
                AwsCredentialsSource.staticKeys(Secret.of("AKIAEXAMPLE"), Secret.of("secret")))
                .provider("us-east-1", URI.create("http://127.0.0.1:1"));
        assertThat(role).isInstanceOf(StsAssumeRoleCredentialsProvider.class);
        ((SdkAutoCloseable) role).close();
    }

    @Test
    void toStringHidesKeysAndSecretsAreListedForRedaction() {
        AwsCredentialsSource role = AwsCredentialsSource.assumeRole("arn:aws:iam::123456789012:role/builder", "kiln",
                AwsCredentialsSource.staticKeys(Secret.of("AKIACANARY"), Secret.of("canary-secret")));

        assertThat(role.toString()).contains("role/builder").doesNotContain("AKIACANARY", "canary-secret");
        assertThat(role.secrets()).extracting(Secret::reveal).containsExactly("AKIACANARY", "canary-secret");
    }
}
