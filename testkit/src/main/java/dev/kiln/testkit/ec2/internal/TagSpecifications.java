package dev.kiln.testkit.ec2.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code TagSpecification.N.ResourceType} / {@code .Tag.M.Key} / {@code .Tag.M.Value} of a create call. */
public final class TagSpecifications {
    private TagSpecifications() {
    }

    /**
     * The tags to put on new resources of {@code type}. A resource type the action cannot tag is an
     * InvalidParameterValue error, as on EC2.
     */
    public static Map<String, String> tagsFor(Params params, String type, Set<String> allowedTypes) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params spec : params.members("TagSpecification")) {
            String resourceType = spec.required("ResourceType");
            if (!allowedTypes.contains(resourceType)) {
                throw Ec2Error.invalidValue("'" + resourceType + "' is not a valid taggable resource type for this operation.");
            }
            if (resourceType.equals(type)) {
                tags.putAll(tags(spec, "Tag"));
            }
        }
        return tags;
    }

    /** {@code name.N.Key} / {@code name.N.Value} pairs; a missing value is the empty string. */
    public static Map<String, String> tags(Params params, String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        List<Params> members = params.members(name);
        for (Params tag : members) {
            tags.put(tag.required("Key"), tag.string("Value", ""));
        }
        return tags;
    }
}
