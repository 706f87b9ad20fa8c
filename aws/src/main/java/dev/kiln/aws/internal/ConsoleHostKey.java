package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbsException;
import dev.kiln.aws.WaitTime;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputResponse;

/**
 * Reads the instance's SSH host key fingerprint from the console output cloud-init prints at boot (between
 * {@code -----BEGIN SSH HOST KEY FINGERPRINTS-----} and its END line), preferring the ED25519 key, so the
 * connection can pin it instead of trusting any key.
 */
final class ConsoleHostKey {
    private static final String BEGIN = "-----BEGIN SSH HOST KEY FINGERPRINTS-----";
    private static final String END = "-----END SSH HOST KEY FINGERPRINTS-----";
    private static final Pattern LINE = Pattern.compile("\\d+ (SHA256:[A-Za-z0-9+/=]+) .*\\((\\w+)\\)");

    private ConsoleHostKey() {
    }

    /** Waits with the SDK's waiter until the console shows the fingerprints, then returns the preferred one. */
    static String fingerprint(Ec2Client ec2, String instanceId, WaitTime time) throws Exception {
        Waiter<GetConsoleOutputResponse> waiter = Waiter.builder(GetConsoleOutputResponse.class)
                .overrideConfiguration(Waiting.override(time))
                .acceptors(List.of(
                        WaiterAcceptor.successOnResponseAcceptor(r -> decode(r).contains(END)),
                        WaiterAcceptor.retryOnResponseAcceptor(r -> true)))
                .build();
        GetConsoleOutputResponse response = Waiting.cancellable(() -> waiter.run(
                () -> ec2.getConsoleOutput(r -> r.instanceId(instanceId).latest(true))).matched().response().orElseThrow());
        return parse(decode(response)).orElseThrow(() -> new AmazonEbsException("connect", List.of("instance " + instanceId),
                null, null, "the console output lists no SSH host key fingerprint; drop sshHostKeyFromConsole", null));
    }

    /** The ED25519 fingerprint in the console text, else the first one listed. */
    static Optional<String> parse(String console) {
        int begin = console.indexOf(BEGIN);
        int end = console.indexOf(END, Math.max(begin, 0));
        if (begin < 0 || end < 0) {
            return Optional.empty();
        }
        String first = null;
        for (String line : console.substring(begin + BEGIN.length(), end).split("\r?\n")) {
            Matcher m = LINE.matcher(line.trim());
            if (m.matches()) {
                if (m.group(2).equals("ED25519")) {
                    return Optional.of(m.group(1));
                }
                first = first == null ? m.group(1) : first;
            }
        }
        return Optional.ofNullable(first);
    }

    private static String decode(GetConsoleOutputResponse response) {
        return response.output() == null ? ""
                : new String(Base64.getMimeDecoder().decode(response.output()), StandardCharsets.UTF_8);
    }
}
