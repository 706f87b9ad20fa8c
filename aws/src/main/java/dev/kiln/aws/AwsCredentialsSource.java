package dev.kiln.aws;

import dev.kiln.core.Secret;
import dev.kiln.core.spec.Problem;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Where the build's AWS credentials come from: the SDK's default chain, a named profile, static keys held
 * as {@link Secret}s, or a role assumed through STS on top of another source.
 *
 * <pre>{@code
 * AwsCredentialsSource.defaultChain()
 * AwsCredentialsSource.profile("images")
 * AwsCredentialsSource.staticKeys(Secret.of(id), Secret.of(key))
 * AwsCredentialsSource.assumeRole("arn:aws:iam::123456789012:role/builder", "kiln", AwsCredentialsSource.defaultChain())
 * }</pre>
 */
public final class AwsCredentialsSource {
    private enum Kind { DEFAULT_CHAIN, PROFILE, STATIC_KEYS, ASSUME_ROLE }

    private static final AwsCredentialsSource DEFAULT = new AwsCredentialsSource(Kind.DEFAULT_CHAIN, null, null, null,
            null, null, null);
    private final Kind kind;
    private final String profileName;
    private final Secret accessKeyId;
    private final Secret secretAccessKey;
    private final Secret sessionToken;
    private final String roleArn;
    private final AwsCredentialsSource base;

    private AwsCredentialsSource(Kind kind, String profileName, Secret accessKeyId, Secret secretAccessKey,
            Secret sessionToken, String roleArn, AwsCredentialsSource base) {
        this.kind = kind;
        this.profileName = profileName;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
        this.roleArn = roleArn;
        this.base = base;
    }

    /** The SDK's default chain: environment, system properties, profile, container, instance role. */
    public static AwsCredentialsSource defaultChain() {
        return DEFAULT;
    }

    /** A named profile from the shared config and credentials files. */
    public static AwsCredentialsSource profile(String name) {
        return new AwsCredentialsSource(Kind.PROFILE, name, null, null, null, null, null);
    }

    /** Static keys. */
    public static AwsCredentialsSource staticKeys(Secret accessKeyId, Secret secretAccessKey) {
        return staticKeys(accessKeyId, secretAccessKey, null);
    }

    /** Static temporary keys with their session token. */
    public static AwsCredentialsSource staticKeys(Secret accessKeyId, Secret secretAccessKey, Secret sessionToken) {
        return new AwsCredentialsSource(Kind.STATIC_KEYS, null, accessKeyId, secretAccessKey, sessionToken, null,
                null);
    }

    /** A role assumed with STS AssumeRole, using {@code base} to call STS; refreshed before it expires. */
    public static AwsCredentialsSource assumeRole(String roleArn, String sessionName, AwsCredentialsSource base) {
        return new AwsCredentialsSource(Kind.ASSUME_ROLE, sessionName, null, null, null, roleArn, base);
    }

    /** The profile name, or for an assumed role its session name; null otherwise. */
    public String profileName() {
        return profileName;
    }

    /** The role ARN of an assumed role, or null. */
    public String roleArn() {
        return roleArn;
    }

    /** Every secret this source holds, for a build to redact. */
    public List<Secret> secrets() {
        List<Secret> secrets = new ArrayList<>();
        for (Secret s : new Secret[] {accessKeyId, secretAccessKey, sessionToken}) {
            if (s != null) {
                secrets.add(s);
            }
        }
        if (base != null) {
            secrets.addAll(base.secrets());
        }
        return secrets;
    }

    /**
     * The SDK provider for these credentials. For an assumed role the STS client uses {@code region} and,
     * when not null, {@code stsEndpoint}; closing the provider is the caller's job.
     */
    public AwsCredentialsProvider provider(String region, URI stsEndpoint) {
        switch (kind) {
            case PROFILE:
                return ProfileCredentialsProvider.create(profileName);
            case STATIC_KEYS:
                return StaticCredentialsProvider.create(sessionToken == null
                        ? AwsBasicCredentials.create(accessKeyId.reveal(), secretAccessKey.reveal())
                        : AwsSessionCredentials.create(accessKeyId.reveal(), secretAccessKey.reveal(),
                                sessionToken.reveal()));
            case ASSUME_ROLE:
                StsClientBuilder sts = StsClient.builder().region(Region.of(region))
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .credentialsProvider(base.provider(region, stsEndpoint));
                if (stsEndpoint != null) {
                    sts.endpointOverride(stsEndpoint);
                }
                return StsAssumeRoleCredentialsProvider.builder().stsClient(sts.build())
                        .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(profileName)).build();
            default:
                return DefaultCredentialsProvider.builder().build();
        }
    }

    List<Problem> validate(String field) {
        List<Problem> problems = new ArrayList<>();
        switch (kind) {
            case PROFILE:
                if (profileName == null || profileName.isBlank()) {
                    problems.add(new Problem(field, "names an empty profile",
                            "give the profile's name from ~/.aws/config, or use AwsCredentialsSource.defaultChain()"));
                }
                break;
            case STATIC_KEYS:
                if (accessKeyId == null || accessKeyId.isEmpty() || secretAccessKey == null
                        || secretAccessKey.isEmpty()) {
                    problems.add(new Problem(field, "has an empty access key id or secret key",
                            "give both keys, e.g. Secret.of(System.getenv(\"AWS_SECRET_ACCESS_KEY\"))"));
                }
                break;
            case ASSUME_ROLE:
                if (roleArn == null || !roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
                    problems.add(new Problem(field, "has role ARN '" + roleArn + "', not an IAM role ARN",
                            "give arn:aws:iam::<12-digit account>:role/<name>"));
                }
                if (profileName == null || !profileName.matches("[\\w+=,.@-]{2,64}")) {
                    problems.add(new Problem(field, "has role session name '" + profileName + "'",
                            "give 2 to 64 characters of letters, digits and +=,.@_-"));
                }
                problems.addAll(base.validate(field + ".base"));
                break;
            default:
                break;
        }
        return problems;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AwsCredentialsSource c && kind == c.kind && Objects.equals(profileName, c.profileName)
                && Objects.equals(accessKeyId, c.accessKeyId) && Objects.equals(secretAccessKey, c.secretAccessKey)
                && Objects.equals(sessionToken, c.sessionToken) && Objects.equals(roleArn, c.roleArn)
                && Objects.equals(base, c.base);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, profileName, accessKeyId, secretAccessKey, sessionToken, roleArn, base);
    }

    @Override
    public String toString() {
        switch (kind) {
            case PROFILE:
                return "AwsCredentialsSource.profile(" + profileName + ")";
            case STATIC_KEYS:
                return "AwsCredentialsSource.staticKeys(****)";
            case ASSUME_ROLE:
                return "AwsCredentialsSource.assumeRole(" + roleArn + ", " + profileName + ", " + base + ")";
            default:
                return "AwsCredentialsSource.defaultChain()";
        }
    }
}
