package dev.kiln.testkit.ec2.internal.state;

import dev.kiln.testkit.ec2.internal.Ec2Error;
import dev.kiln.testkit.ec2.internal.Filter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Something in a region with an id and tags, that describe calls can filter. Guarded by the LocalCloud lock. */
public abstract class Ec2Resource {
    public final String id;
    public final Map<String, String> tags = new LinkedHashMap<>();
    /** Eventual consistency: how many more describe calls treat this resource as not there yet. */
    public int hiddenDescribes;

    protected Ec2Resource(String id) {
        this.id = id;
    }

    /** Called once per describe call that would show this resource: false while it is still hidden. */
    public boolean visibleToDescribe() {
        if (hiddenDescribes > 0) {
            hiddenDescribes--;
            return false;
        }
        return true;
    }

    /** The resource type as DescribeTags and TagSpecification name it, e.g. {@code instance}. */
    public abstract String resourceType();

    /** The values a filter compares with, or null when this type has no such filter. */
    protected abstract List<String> attribute(String filterName);

    /** True when every filter matches; an unknown filter name is an InvalidParameterValue error. */
    public boolean matches(List<Filter> filters) {
        for (Filter filter : filters) {
            List<String> values = filterValues(filter.name());
            if (values == null) {
                throw Ec2Error.invalidValue("The filter '" + filter.name() + "' is invalid");
            }
            if (!filter.matches(values)) {
                return false;
            }
        }
        return true;
    }

    private List<String> filterValues(String name) {
        if (name.startsWith("tag:")) {
            String value = tags.get(name.substring(4));
            return value == null ? List.of() : List.of(value);
        }
        return switch (name) {
            case "tag-key" -> List.copyOf(tags.keySet());
            case "tag-value" -> List.copyOf(tags.values());
            default -> attribute(name);
        };
    }
}
