package dev.kiln.testkit.ec2.internal.action;

import dev.kiln.testkit.ec2.internal.ActionContext;
import dev.kiln.testkit.ec2.internal.ActionDispatcher;
import dev.kiln.testkit.ec2.internal.Filter;
import dev.kiln.testkit.ec2.internal.Paging;
import dev.kiln.testkit.ec2.internal.XmlWriter;
import dev.kiln.testkit.ec2.internal.state.Instance;
import dev.kiln.testkit.ec2.internal.state.InstanceState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** DescribeInstanceStatus and GetConsoleOutput: what a running instance reports about itself. */
public final class InstanceStatusActions {
    private InstanceStatusActions() {
    }

    public static void register(ActionDispatcher dispatcher) {
        dispatcher.register("DescribeInstanceStatus", InstanceStatusActions::describeInstanceStatus)
                .register("GetConsoleOutput", InstanceStatusActions::getConsoleOutput);
    }

    /** Running instances are {@code ok}, or {@code impaired} when they were made unreachable by a fault. */
    static void describeInstanceStatus(ActionContext ctx) {
        Paging.Window window = Paging.INSTANCES.window(ctx.params);
        List<String> ids = ctx.params.list("InstanceId");
        List<String> missing = ids.stream().filter(id -> !ctx.region.instances.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw InstanceActions.missingInstances(missing);
        }
        boolean all = ctx.params.bool("IncludeAllInstances", false);
        List<Filter> filters = Filter.from(ctx.params);
        List<Instance> found = new ArrayList<>();
        for (Instance i : ids.isEmpty() ? ctx.region.instances.values() : ids.stream().map(ctx.region.instances::get).toList()) {
            if ((all || i.state == InstanceState.RUNNING) && i.matches(filters) && i.visibleToDescribe()) {
                found.add(i);
            }
        }
        Paging.Page<Instance> page = window.apply(found);
        ctx.out.items("instanceStatusSet", page.items(), (w, i) -> {
            w.value("instanceId", i.id).value("availabilityZone", i.availabilityZone);
            InstanceActions.state(w, "instanceState", i.state);
            boolean running = i.state == InstanceState.RUNNING;
            status(w, "systemStatus", running ? "ok" : "not-applicable", "passed");
            status(w, "instanceStatus", !running ? "not-applicable" : i.reachable ? "ok" : "impaired",
                    i.reachable ? "passed" : "failed");
        }).value("nextToken", page.nextToken());
    }

    private static void status(XmlWriter w, String element, String status, String reachability) {
        w.start(element).value("status", status);
        if (!status.equals("not-applicable")) {
            w.items("details", List.of(reachability), (d, r) -> d.value("name", "reachability").value("status", r));
        }
        w.end();
    }

    /** The lines the machine printed on its console so far (its SSH host key fingerprints), base64 as on EC2. */
    static void getConsoleOutput(ActionContext ctx) {
        Instance instance = ctx.region.instance(ctx.params.required("InstanceId"));
        // A machine's console is a list it appends to; reading it never waits on the machine.
        List<String> lines = instance.machine != null ? instance.machine.consoleOutput() : instance.consoleOutput;
        String text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        ctx.out.value("instanceId", instance.id).time("timestamp", Instant.now())
                .value("output", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }
}
