package dev.kiln.aws.internal;

import dev.kiln.core.KilnException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** Asks a check URL (one that answers with the caller's address as text) for the caller's public IPv4 address. */
final class PublicIpCheck {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private PublicIpCheck() {
    }

    static String fetch(URI checkUrl) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(checkUrl).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KilnException("temporarySecurityGroupSourcePublicIpFrom: could not reach " + checkUrl + ": " + e, e);
        }
        String body = response.body().trim();
        if (response.statusCode() != 200 || !IPV4.matcher(body).matches()) {
            throw new KilnException("temporarySecurityGroupSourcePublicIpFrom: " + checkUrl + " answered "
                    + response.statusCode() + " '" + abbreviate(body) + "', not an IPv4 address");
        }
        return body;
    }

    private static String abbreviate(String body) {
        return body.length() > 60 ? body.substring(0, 60) + "..." : body;
    }
}
