package dev.kiln.testkit.ec2.internal.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the region from a SigV4 credential scope ({@code AKID/20201010/us-east-1/ec2/aws4_request}), found
 * in the {@code Authorization} header or a presigned request's {@code X-Amz-Credential} parameter. The
 * signature itself is not checked: credentials are dummies.
 */
final class CredentialScope {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
    private static final Pattern PRESIGNED = Pattern.compile("[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");

    private CredentialScope() {
    }

    /** The region of the request, or {@code fallback} when it carries no SigV4 scope. */
    static String region(String authorization, String credentialParam, String fallback) {
        if (authorization != null) {
            Matcher m = SCOPE.matcher(authorization);
            if (m.find()) {
                return m.group(1);
            }
        }
        if (credentialParam != null) {
            Matcher m = PRESIGNED.matcher(credentialParam);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return fallback;
    }
}
