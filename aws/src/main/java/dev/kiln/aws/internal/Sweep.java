package dev.kiln.aws.internal;

import dev.kiln.aws.WaitTime;
import dev.kiln.core.builder.JanitorReport;
import dev.kiln.core.builder.JanitorReport.Action;
import dev.kiln.core.builder.JanitorReport.Item;
import dev.kiln.core.builder.Resource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * One region's janitor pass: finds resources tagged {@code kiln:temporary=true} created before a cut-off and
 * lists or removes them in a safe order.
 */
public final class Sweep implements AutoCloseable {
    private static final int GROUP_DELETE_ATTEMPTS = 35;
    private final String region;
    private final Ec2Client ec2;
    private final boolean callerOwnsClient;
    private final Instant cutoff;
    private final String session;
    private final WaitTime terminateWait;

    public Sweep(String region, Ec2Client ec2, boolean callerOwnsClient, Instant cutoff, String session,
            WaitTime terminateWait) {
        this.region = region;
        this.ec2 = ec2;
        this.callerOwnsClient = callerOwnsClient;
        this.cutoff = cutoff;
        this.session = session;
        this.terminateWait = terminateWait;
    }

    private record Found(String type, String id, Map<String, String> tags) {
    }

    /** Lists what would be removed. */
    public List<Item> list() {
        List<Item> items = new ArrayList<>();
        for (List<Found> kind : List.of(images(), instances(), volumes(), snapshots(), groups(), keyPairs())) {
            kind.forEach(f -> items.add(item(f, Action.WOULD_DELETE, null)));
        }
        return items;
    }

    /** Removes everything found, in a safe order; each failure is reported and the rest still go. */
    public List<Item> remove() throws InterruptedException {
        List<Item> items = new ArrayList<>();
        for (Found image : images()) {
            items.add(attempt(image, () -> ImageRemoval.remove(ec2, List.of(image.id()), image.tags().get(KilnTags.SESSION),
                    image.tags().get(KilnTags.SOURCE))));
        }
        List<Found> instances = instances();
        for (Found instance : instances) {
            items.add(attempt(instance, () -> ec2.terminateInstances(r -> r.instanceIds(instance.id()))));
        }
        if (!instances.isEmpty()) {
            try {
                Waiting.cancellable(() -> Waiting.waiter(ec2, terminateWait).waitUntilInstanceTerminated(r -> r.instanceIds(
                        instances.stream().map(Found::id).toList())));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                items.replaceAll(i -> instances.stream().anyMatch(f -> f.id().equals(i.resource().id()))
                        ? new Item(i.resource(), i.session(), Action.FAILED, "did not terminate: " + e.getMessage()) : i);
            }
        }
        for (Found volume : volumes()) {
            items.add(attempt(volume, () -> ec2.deleteVolume(r -> r.volumeId(volume.id()))));
        }
        for (Found snapshot : snapshots()) {
            items.add(attempt(snapshot, () -> ec2.deleteSnapshot(r -> r.snapshotId(snapshot.id()))));
        }
        for (Found group : groups()) {
            items.add(attempt(group, () -> Retry.on(GROUP_DELETE_ATTEMPTS, "DependencyViolation").run(Sweep::checkInterrupt,
                    () -> ec2.deleteSecurityGroup(r -> r.groupId(group.id())))));
        }
        for (Found key : keyPairs()) {
            items.add(attempt(key, () -> ec2.deleteKeyPair(r -> r.keyName(key.id()))));
        }
        return items;
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("janitor interrupted");
        }
    }

    private Item attempt(Found found, Retry.Action action) throws InterruptedException {
        try {
            action.run();
            return item(found, Action.DELETED, null);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return item(found, Action.FAILED, e.getMessage());
        }
    }

    private Item item(Found f, Action action, String detail) {
        return new Item(new Resource(f.type(), f.id(), region), f.tags().get(KilnTags.SESSION), action, detail);
    }

    private List<Filter> filters() {
        List<Filter> filters = new ArrayList<>();
        filters.add(Filter.builder().name("tag:" + KilnTags.TEMPORARY).values("true").build());
        if (session != null) {
            filters.add(Filter.builder().name("tag:" + KilnTags.SESSION).values(session).build());
        }
        return filters;
    }

    private List<Found> images() {
        return keep("image", ec2.describeImages(r -> r.owners("self").filters(filters())).images(),
                i -> i.imageId(), i -> i.tags());
    }

    private List<Found> instances() {
        List<Filter> filters = filters();
        filters.add(Filter.builder().name("instance-state-name").values("pending", "running", "stopping", "stopped").build());
        List<Instance> instances = ec2.describeInstances(r -> r.filters(filters)).reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
        return keep("instance", instances, Instance::instanceId, Instance::tags);
    }

    private List<Found> volumes() {
        return keep("volume", ec2.describeVolumes(r -> r.filters(filters())).volumes(), v -> v.volumeId(), v -> v.tags());
    }

    private List<Found> snapshots() {
        return keep("snapshot", ec2.describeSnapshots(r -> r.ownerIds("self").filters(filters())).snapshots(),
                s -> s.snapshotId(), s -> s.tags());
    }

    private List<Found> groups() {
        return keep("security-group", ec2.describeSecurityGroups(r -> r.filters(filters())).securityGroups(),
                g -> g.groupId(), g -> g.tags());
    }

    private List<Found> keyPairs() {
        return keep("key-pair", ec2.describeKeyPairs(r -> r.filters(filters())).keyPairs(), k -> k.keyName(), k -> k.tags());
    }

    private <T> List<Found> keep(String type, List<T> resources, Function<T, String> id, Function<T, List<Tag>> tags) {
        List<Found> found = new ArrayList<>();
        for (T resource : resources) {
            Map<String, String> tagMap = tags.apply(resource).stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
            if (olderThanCutoff(tagMap.get(KilnTags.CREATED))) {
                found.add(new Found(type, id.apply(resource), tagMap));
            }
        }
        return found;
    }

    private boolean olderThanCutoff(String created) {
        if (created == null) {
            return false;
        }
        try {
            return !Instant.parse(created).isAfter(cutoff);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (!callerOwnsClient) {
            ec2.close();
        }
    }
}
