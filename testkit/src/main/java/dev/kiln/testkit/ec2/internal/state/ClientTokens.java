package dev.kiln.testkit.ec2.internal.state;

import dev.kiln.testkit.ec2.internal.Ec2Error;
import dev.kiln.testkit.ec2.internal.Params;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * EC2's idempotency by client token, for one action in one region: a call that repeats the token of an
 * earlier successful call gets that call's result and changes nothing; the same token with other parameters
 * is {@code IdempotentParameterMismatch}. As on EC2, the Availability Zone may differ, and a token is
 * remembered for as long as its resource is (terminated instances included).
 */
public final class ClientTokens {
    /** Parameters that are not part of what a token promises. */
    private static final Set<String> NOT_COMPARED = Set.of("Action", "Version", "ClientToken", "Placement.AvailabilityZone");

    private final int maxLength;
    private final Map<String, Remembered> byToken = new HashMap<>();

    private record Remembered(Map<String, String> params, String result) {
    }

    /** Tokens of at most {@code maxLength} ASCII characters: 64 for RunInstances, 128 for CopyImage. */
    public ClientTokens(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * The result of the earlier call with this request's {@code ClientToken}, or empty when it has none or a
     * new one.
     *
     * @throws Ec2Error InvalidParameterValue for a token that is too long or not ASCII, or
     *         IdempotentParameterMismatch for a known token with other parameters
     */
    public Optional<String> earlierResult(Params params) {
        String token = params.string("ClientToken");
        if (token == null) {
            return Optional.empty();
        }
        if (token.length() > maxLength || !token.chars().allMatch(c -> c < 128)) {
            throw Ec2Error.invalidValue("Value (" + token + ") for parameter ClientToken is invalid. "
                    + "A client token is at most " + maxLength + " ASCII characters.");
        }
        Remembered earlier = byToken.get(token);
        if (earlier == null) {
            return Optional.empty();
        }
        if (!earlier.params().equals(compared(params))) {
            throw new Ec2Error("IdempotentParameterMismatch",
                    "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).");
        }
        return Optional.of(earlier.result());
    }

    /** Remembers what a successful call with this request's token (if it has one) produced. */
    public void remember(Params params, String result) {
        String token = params.string("ClientToken");
        if (token != null) {
            byToken.put(token, new Remembered(compared(params), result));
        }
    }

    private static Map<String, String> compared(Params params) {
        Map<String, String> compared = new TreeMap<>(params.all());
        compared.keySet().removeAll(NOT_COMPARED);
        return compared;
    }
}
