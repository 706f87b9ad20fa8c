package dev.kiln.testkit.ec2.internal;

import dev.kiln.testkit.ec2.internal.state.RegionState;
import java.util.ArrayList;
import java.util.List;

/** What an action works with: the cloud, the request's region and parameters, and the response it writes. */
public final class ActionContext {
    public final LocalCloud cloud;
    public final RegionState region;
    public final Params params;
    public final XmlWriter out;
    private final List<String> created = new ArrayList<>();

    public ActionContext(LocalCloud cloud, RegionState region, Params params, XmlWriter out) {
        this.cloud = cloud;
        this.region = region;
        this.params = params;
        this.out = out;
    }

    /** Notes a resource the call created, for the call log. */
    public void created(String id) {
        created.add(id);
    }

    public List<String> createdIds() {
        return created;
    }

    public String accountId() {
        return cloud.accountId();
    }
}
