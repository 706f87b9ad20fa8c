package dev.kiln.testkit.ec2.internal;

import dev.kiln.testkit.ec2.Ec2Call;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a decoded request to its action: the region it is signed for first ({@link RegionGate}), throttling and
 * refused-TagSpecification faults next, then the handler holding the lock of each region it touches, then EC2's
 * XML (result or error), and a call log entry either way.
 */
public final class ActionDispatcher {
    /** The EC2 API version whose namespace every answer carries. */
    public static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final Logger log = LoggerFactory.getLogger(ActionDispatcher.class);
    /** Parameters kept out of the call log: key material and user data may be secret. */
    private static final Set<String> UNLOGGED = Set.of("PublicKeyMaterial", "UserData", "UserData.Value");

    private final LocalCloud cloud;
    private final Map<String, Action> actions = new HashMap<>();

    /** A dispatcher of calls to {@code cloud}, with no actions until they are registered. */
    public ActionDispatcher(LocalCloud cloud) {
        this.cloud = cloud;
    }

    /** Routes the action {@code name} to {@code action}. */
    public ActionDispatcher register(String name, Action action) {
        actions.put(name, action);
        return this;
    }

    /** An HTTP answer: status and XML body. */
    public record Answer(int status, String body, String requestId) {
    }

    /** Carries out one request signed for {@code regionName} and returns EC2's answer to it. */
    public Answer dispatch(String regionName, Map<String, String> values) {
        String requestId = Ids.requestId();
        String action = values.getOrDefault("Action", "");
        Instant time = Instant.now();
        XmlWriter out = new XmlWriter().root(action + "Response", NAMESPACE).value("requestId", requestId);
        ActionContext context = null;
        Answer answer;
        String errorCode = null;
        try {
            cloud.regionGate().admit(regionName);
            Action handler = handler(action, values);
            if (cloud.faults().throttles(action)) {
                throw new Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503);
            }
            Params params = new Params(values);
            refuseTagSpecifications(params);
            ActionContext call = new ActionContext(cloud, cloud.region(regionName), params, out);
            context = call;
            cloud.inRegions(regionsOf(regionName, params), () -> handler.run(call));
            answer = new Answer(200, out.finish(), requestId);
        } catch (Ec2Error e) {
            errorCode = e.code();
            log.debug("LocalEc2 {} {} -> {}: {}", regionName, action, e.code(), e.getMessage());
            answer = new Answer(e.status(), error(e.code(), e.getMessage(), requestId), requestId);
        } catch (RuntimeException e) {
            Ec2Error internal = Ec2Error.internal();
            errorCode = internal.code();
            log.error("LocalEc2 {} {} failed", regionName, action, e);
            answer = new Answer(internal.status(), error(internal.code(), internal.getMessage(), requestId), requestId);
        }
        Map<String, String> logged = new LinkedHashMap<>(values);
        logged.keySet().removeIf(k -> UNLOGGED.contains(k) || k.equals("Action") || k.equals("Version"));
        cloud.record(new Ec2Call(time, regionName, action, logged, errorCode,
                context == null || errorCode != null ? List.of() : context.createdIds()));
        return answer;
    }

    /** The regions a call touches: its own, and the served region it copies from (CopyImage's SourceRegion). */
    private List<String> regionsOf(String regionName, Params params) {
        String source = params.string("SourceRegion");
        boolean copies = source != null && cloud.regionNames().contains(source);
        return copies ? List.of(regionName, source) : List.of(regionName);
    }

    /** The limited-endpoint fault: a creation-time TagSpecification for a refused resource type fails the call. */
    private void refuseTagSpecifications(Params params) {
        for (Params spec : params.members("TagSpecification")) {
            String type = spec.string("ResourceType");
            if (type != null && cloud.faults().refusesTagSpecification(type)) {
                throw Ec2Error.internal();
            }
        }
    }

    private Action handler(String action, Map<String, String> values) {
        if (action.isEmpty()) {
            throw new Ec2Error("MissingAction", "The request must contain the parameter Action");
        }
        Action handler = actions.get(action);
        if (handler == null) {
            log.warn("LocalEc2 does not support the action {} (parameters {}): answering UnsupportedOperation",
                    action, values.keySet());
            throw new Ec2Error("UnsupportedOperation", "LocalEc2 does not support the action " + action + ".");
        }
        return handler;
    }

    /** EC2's error document. */
    static String error(String code, String message, String requestId) {
        return new XmlWriter().root("Response", null)
                .start("Errors").start("Error").value("Code", code).value("Message", message).end().end()
                .value("RequestID", requestId)
                .finish();
    }
}
