package dev.kiln.testkit.ec2.internal.action;

import dev.kiln.testkit.ec2.internal.ActionContext;
import dev.kiln.testkit.ec2.internal.ActionDispatcher;
import dev.kiln.testkit.ec2.internal.Ec2Error;
import dev.kiln.testkit.ec2.internal.Filter;
import dev.kiln.testkit.ec2.internal.TagSpecifications;
import dev.kiln.testkit.ec2.internal.state.Ec2Resource;
import dev.kiln.testkit.ec2.internal.state.Image;
import dev.kiln.testkit.ec2.internal.state.RegionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CreateTags, DeleteTags, DescribeTags. */
public final class TagActions {
    private TagActions() {
    }

    public static void register(ActionDispatcher dispatcher) {
        dispatcher.register("CreateTags", TagActions::createTags)
                .register("DeleteTags", TagActions::deleteTags)
                .register("DescribeTags", TagActions::describeTags);
    }

    private static List<Ec2Resource> resources(ActionContext ctx) {
        List<String> ids = ctx.params.list("ResourceId");
        if (ids.isEmpty()) {
            ctx.params.required("ResourceId.1");
        }
        return ids.stream().map(ctx.region::resource).toList();
    }

    static void createTags(ActionContext ctx) {
        List<Ec2Resource> resources = resources(ctx);
        Map<String, String> tags = TagSpecifications.tags(ctx.params, "Tag");
        if (tags.isEmpty()) {
            ctx.params.required("Tag.1.Key");
        }
        if (tags.keySet().stream().anyMatch(k -> k.startsWith("aws:"))) {
            throw Ec2Error.invalidValue("Tag keys starting with 'aws:' are reserved for internal use");
        }
        for (Ec2Resource resource : resources) {
            resource.tags.putAll(tags);
            saveIfImage(ctx, resource);
        }
        ctx.out.value("return", true);
    }

    static void deleteTags(ActionContext ctx) {
        List<Ec2Resource> resources = resources(ctx);
        var tags = ctx.params.members("Tag");
        for (Ec2Resource resource : resources) {
            if (tags.isEmpty()) {
                resource.tags.clear();
            }
            for (var tag : tags) {
                String value = tag.string("Value");
                if (value == null || value.equals(resource.tags.get(tag.required("Key")))) {
                    resource.tags.remove(tag.required("Key"));
                }
            }
            saveIfImage(ctx, resource);
        }
        ctx.out.value("return", true);
    }

    private static void saveIfImage(ActionContext ctx, Ec2Resource resource) {
        if (resource instanceof Image image && !image.seeded && image.state.equals("available")) {
            ctx.cloud.store().save(ctx.region.name, image);
        }
    }

    /** One tag of one resource, as DescribeTags lists it and filters it. */
    private static final class TagRow extends Ec2Resource {
        final String type;
        final String key;
        final String value;

        TagRow(Ec2Resource resource, String key, String value) {
            super(resource.id);
            this.type = resource.resourceType();
            this.key = key;
            this.value = value;
        }

        @Override
        public String resourceType() {
            return type;
        }

        @Override
        protected List<String> attribute(String filterName) {
            return switch (filterName) {
                case "resource-id" -> List.of(id);
                case "resource-type" -> List.of(type);
                case "key" -> List.of(key);
                case "value" -> List.of(value);
                default -> null;
            };
        }
    }

    static void describeTags(ActionContext ctx) {
        RegionState r = ctx.region;
        List<Ec2Resource> all = new ArrayList<>();
        all.addAll(r.instances.values());
        r.images.values().stream().filter(i -> i.ownerId.equals(ctx.accountId())).forEach(all::add);
        all.addAll(r.keyPairs.values());
        all.addAll(r.securityGroups.values());
        all.addAll(r.volumes.values());
        all.addAll(r.snapshots.values());
        all.add(r.defaultVpc);
        all.add(r.defaultSubnet);
        List<Filter> filters = Filter.from(ctx.params);
        List<TagRow> rows = new ArrayList<>();
        for (Ec2Resource resource : all) {
            resource.tags.forEach((k, v) -> rows.add(new TagRow(resource, k, v)));
        }
        ctx.out.items("tagSet", rows.stream().filter(t -> t.matches(filters)).toList(), (w, t) -> w
                .value("resourceId", t.id).value("resourceType", t.type).value("key", t.key).value("value", t.value));
    }
}
