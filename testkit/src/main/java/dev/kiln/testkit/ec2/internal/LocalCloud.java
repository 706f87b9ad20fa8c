package dev.kiln.testkit.ec2.internal;

import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.Ec2Call;
import dev.kiln.testkit.ec2.Leak;
import dev.kiln.testkit.ec2.internal.state.Image;
import dev.kiln.testkit.ec2.internal.state.Instance;
import dev.kiln.testkit.ec2.internal.state.InstanceState;
import dev.kiln.testkit.ec2.internal.state.RegionState;
import dev.kiln.testkit.ec2.internal.state.SecurityGroup;
import dev.kiln.testkit.ec2.internal.state.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The whole local cloud: every region's state, the base images, the call log and the services actions use.
 * Regions don't share a lock: each {@link RegionState} guards its own content ({@code synchronized (region)}), so
 * calls in different regions never wait on each other. A call that touches two regions (CopyImage) holds both,
 * taken in name order ({@link #inRegions}), so two copies in opposite directions cannot deadlock.
 */
public final class LocalCloud {
    private final String accountId;
    private final List<String> regionNames;
    private final List<BaseImage> baseImages;
    private final FaultPlan faults;
    private final ImageStore store;
    private final RegionGate regionGate;
    /** Guarded by itself; only the map: each region's content is guarded by the region. */
    private final Map<String, RegionState> regions = new TreeMap<>();
    private final List<Ec2Call> calls = new CopyOnWriteArrayList<>();
    private Lifecycle lifecycle;
    private String endpointHost = "127.0.0.1";

    /** A cloud serving {@code regionNames}, each with the base images registered in it. */
    public LocalCloud(String accountId, List<String> regionNames, List<BaseImage> baseImages, FaultPlan faults,
                      ImageStore store) {
        this.accountId = accountId;
        this.regionNames = List.copyOf(regionNames);
        this.regionGate = new RegionGate(regionNames);
        this.baseImages = List.copyOf(baseImages);
        this.faults = faults;
        this.store = store;
    }

    public void start(Lifecycle lifecycle, String endpointHost) {
        this.lifecycle = lifecycle;
        this.endpointHost = endpointHost;
    }

    public String accountId() {
        return accountId;
    }

    public List<String> regionNames() {
        return regionNames;
    }

    public String endpointHost() {
        return endpointHost;
    }

    public FaultPlan faults() {
        return faults;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public ImageStore store() {
        return store;
    }

    /** Which regions a request may be signed for. */
    public RegionGate regionGate() {
        return regionGate;
    }

    /**
     * A region's state, made (with its base images and saved images) on first use. Hold its lock
     * ({@code synchronized (region)}) while reading or changing what it holds.
     */
    public RegionState region(String name) {
        synchronized (regions) {
            return regions.computeIfAbsent(name, this::newRegion);
        }
    }

    /** Runs {@code body} holding the locks of the named regions, taken in name order. */
    public void inRegions(Collection<String> names, Runnable body) {
        holding(new TreeSet<>(names).stream().map(this::region).toList(), 0, body);
    }

    private static void holding(List<RegionState> locks, int next, Runnable body) {
        if (next == locks.size()) {
            body.run();
            return;
        }
        synchronized (locks.get(next)) {
            holding(locks, next + 1, body);
        }
    }

    /** Every region made so far, in name order. */
    public List<RegionState> regionStates() {
        synchronized (regions) {
            return List.copyOf(regions.values());
        }
    }

    private RegionState newRegion(String name) {
        RegionState region = new RegionState(name, accountId);
        for (BaseImage base : baseImages) {
            if (!base.regions().contains(name)) {
                continue;
            }
            Image image = new Image(base.id());
            image.name = base.name();
            image.description = base.description().orElse(null);
            image.ownerId = base.ownerId();
            image.ownerAlias = base.ownerAlias().orElse(null);
            image.defaultUser = base.defaultUser();
            image.platform = base.platform() == BaseImage.Platform.WINDOWS ? "windows" : null;
            image.root = base.root().orElse(null);
            image.isPublic = true;
            image.state = "available";
            image.seeded = true;
            image.snapshotId = Ids.next("snap");
            region.images.put(image.id, image);
        }
        for (Image saved : store.load(name)) {
            region.images.put(saved.id, saved);
            if (saved.snapshotId != null) {
                Snapshot snapshot = new Snapshot(saved.snapshotId);
                snapshot.ownerId = accountId;
                snapshot.state = "completed";
                snapshot.volumeSize = saved.volumeSize;
                snapshot.description = "Created by CreateImage for " + saved.id;
                region.snapshots.put(snapshot.id, snapshot);
            }
        }
        return region;
    }

    public void record(Ec2Call call) {
        calls.add(call);
    }

    public List<Ec2Call> calls() {
        return List.copyOf(calls);
    }

    /** Instance time billed so far: from each RunInstances to its shutdown (or now, for those still alive). */
    public Duration instanceTime() {
        Instant now = Instant.now();
        Duration total = Duration.ZERO;
        for (RegionState r : regionStates()) {
            synchronized (r) {
                for (Instance i : r.instances.values()) {
                    total = total.plus(Duration.between(i.launchTime, i.shutdownTime == null ? now : i.shutdownTime));
                }
            }
        }
        return total;
    }

    /** What a build left behind, in every region. */
    public List<Leak> leaks() {
        List<Leak> leaks = new ArrayList<>();
        for (RegionState r : regionStates()) {
            synchronized (r) {
                leaksIn(r, leaks);
            }
        }
        return leaks;
    }

    /**
     * What {@code read} makes of one region's state, read under the lock, for the public views.
     *
     * @throws IllegalArgumentException when LocalEc2 has no such region
     */
    public <T> T inRegion(String name, Function<RegionState, T> read) {
        if (!regionNames.contains(name)) {
            throw new IllegalArgumentException("LocalEc2 has no region " + name + "; its regions are " + regionNames);
        }
        RegionState region = region(name);
        synchronized (region) {
            return read.apply(region);
        }
    }

    private static void leaksIn(RegionState r, List<Leak> leaks) {
        for (Instance i : r.instances.values()) {
            if (i.state != InstanceState.TERMINATED) {
                leaks.add(new Leak(r.name, "instance", i.id, i.state.apiName()));
            }
        }
        r.keyPairs.values().forEach(k -> leaks.add(new Leak(r.name, "key-pair", k.id, k.name)));
        for (SecurityGroup g : r.securityGroups.values()) {
            if (!g.isDefault) {
                leaks.add(new Leak(r.name, "security-group", g.id, g.name));
            }
        }
        r.volumes.values().forEach(v -> leaks.add(new Leak(r.name, "volume", v.id,
                v.state + (v.instanceId == null ? "" : " on " + v.instanceId))));
        Collection<Image> images = r.images.values();
        for (Snapshot s : r.snapshots.values()) {
            if (images.stream().noneMatch(image -> s.id.equals(image.snapshotId))) {
                leaks.add(new Leak(r.name, "snapshot", s.id, s.state));
            }
        }
        for (Image image : images) {
            if (!image.seeded && !image.state.equals("available")) {
                leaks.add(new Leak(r.name, "image", image.id, image.name + ", " + image.state));
            }
        }
    }
}
