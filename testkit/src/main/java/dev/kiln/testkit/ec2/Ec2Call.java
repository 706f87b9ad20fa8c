package dev.kiln.testkit.ec2;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request LocalEc2 answered, as its call log records it.
 *
 * <pre>{@code
 * List<String> actions = localEc2.calls().stream().map(Ec2Call::action).toList();
 * assertThat(actions).containsSubsequence("CreateKeyPair", "RunInstances", "TerminateInstances", "DeleteKeyPair");
 * }</pre>
 *
 * @param time when the request arrived
 * @param region the region from the request's credential scope
 * @param action the EC2 action, e.g. {@code RunInstances}
 * @param params the request parameters, with key material and user data left out
 * @param errorCode the EC2 error code of the answer, or null when it succeeded
 * @param createdIds the ids of the resources the call created (instances, images, key pairs, groups, ...)
 */
public record Ec2Call(Instant time, String region, String action, Map<String, String> params, String errorCode,
                      List<String> createdIds) {

    /** Checks the required fields and copies params and createdIds, so the record stays immutable. */
    public Ec2Call {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(action, "action");
        params = Map.copyOf(params);
        createdIds = List.copyOf(createdIds);
    }

    /** A request parameter, e.g. {@code param("InstanceId.1")}, or null. */
    public String param(String name) {
        return params.get(name);
    }

    /** True when LocalEc2 answered with an error. */
    public boolean failed() {
        return errorCode != null;
    }
}
