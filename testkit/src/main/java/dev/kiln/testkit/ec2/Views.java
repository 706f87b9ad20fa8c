package dev.kiln.testkit.ec2;

import dev.kiln.testkit.ec2.internal.LocalCloud;
import dev.kiln.testkit.ec2.internal.state.Image;
import dev.kiln.testkit.ec2.internal.state.Instance;
import dev.kiln.testkit.ec2.internal.state.RegionState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Makes the public views of one kind of resource (images, instances) from a region's state. */
final class Views<R, V> {
    /** The images of a region, as {@link LocalEc2#image(String, String)} shows them. */
    static final Views<Image, ImageView> IMAGES = new Views<>("image", state -> state.images, ImageView::new,
            image -> image.id + " (" + image.name + ")");
    /** The instances of a region, as {@link LocalEc2#instance(String, String)} shows them. */
    static final Views<Instance, InstanceView> INSTANCES = new Views<>("instance", state -> state.instances,
            InstanceView::new, instance -> instance.id + " (" + instance.state.apiName() + ")");
    private static final int LISTED = 20;

    private final String kind;
    private final Function<RegionState, Map<String, R>> resources;
    private final BiFunction<String, R, V> view;
    private final Function<R, String> label;

    /**
     * Views of the {@code kind} (for messages) of resources {@code resources} holds by id, each made by
     * {@code view} and shown in messages as {@code label}.
     */
    Views(String kind, Function<RegionState, Map<String, R>> resources, BiFunction<String, R, V> view,
          Function<R, String> label) {
        this.kind = kind;
        this.resources = resources;
        this.view = view;
        this.label = label;
    }

    /** The view of one resource; an unknown id is an error naming the ones there are. */
    V one(LocalCloud cloud, String region, String id) {
        Objects.requireNonNull(id, kind + " id");
        return cloud.inRegion(Objects.requireNonNull(region, "region"), state -> {
            Map<String, R> all = resources.apply(state);
            R resource = all.get(id);
            if (resource == null) {
                throw new IllegalArgumentException("LocalEc2 has no " + kind + " " + id + " in " + region + "; "
                        + (all.isEmpty() ? "it has none there" : "there are " + listed(all.values())));
            }
            return view.apply(region, resource);
        });
    }

    /** The views of every resource of the region, oldest first. */
    List<V> all(LocalCloud cloud, String region) {
        return cloud.inRegion(Objects.requireNonNull(region, "region"),
                state -> resources.apply(state).values().stream().map(r -> view.apply(region, r)).toList());
    }

    private String listed(Collection<R> all) {
        String shown = all.stream().limit(LISTED).map(label).collect(Collectors.joining(", "));
        return all.size() <= LISTED ? shown : shown + " and " + (all.size() - LISTED) + " more";
    }
}
