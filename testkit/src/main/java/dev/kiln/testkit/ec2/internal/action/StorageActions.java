package dev.kiln.testkit.ec2.internal.action;

import dev.kiln.testkit.ec2.internal.ActionContext;
import dev.kiln.testkit.ec2.internal.ActionDispatcher;
import dev.kiln.testkit.ec2.internal.Ec2Error;
import dev.kiln.testkit.ec2.internal.Filter;
import dev.kiln.testkit.ec2.internal.Paging;
import dev.kiln.testkit.ec2.internal.Params;
import dev.kiln.testkit.ec2.internal.state.Image;
import dev.kiln.testkit.ec2.internal.state.Snapshot;
import dev.kiln.testkit.ec2.internal.state.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** DescribeVolumes, DeleteVolume, DescribeSnapshots, DeleteSnapshot. */
public final class StorageActions {
    private StorageActions() {
    }

    public static void register(ActionDispatcher dispatcher) {
        dispatcher.register("DescribeVolumes", StorageActions::describeVolumes)
                .register("DeleteVolume", StorageActions::deleteVolume)
                .register("DescribeSnapshots", StorageActions::describeSnapshots)
                .register("DeleteSnapshot", StorageActions::deleteSnapshot)
                .register("ModifySnapshotAttribute", StorageActions::modifySnapshotAttribute)
                .register("DescribeSnapshotAttribute", StorageActions::describeSnapshotAttribute);
    }

    static void describeVolumes(ActionContext ctx) {
        Paging.Window window = Paging.VOLUMES.window(ctx.params);
        List<String> ids = ctx.params.list("VolumeId");
        List<Volume> found = ids.isEmpty() ? new ArrayList<>(ctx.region.volumes.values())
                : ids.stream().map(ctx.region::volume).toList();
        List<Filter> filters = Filter.from(ctx.params);
        Paging.Page<Volume> page = window.apply(found.stream().filter(v -> v.matches(filters)).toList());
        ctx.out.items("volumeSet", page.items(), (w, v) -> {
            w.value("volumeId", v.id).value("size", v.size).value("snapshotId", v.snapshotId == null ? "" : v.snapshotId)
                    .value("availabilityZone", v.availabilityZone).value("status", v.state)
                    .time("createTime", v.createTime);
            w.items("attachmentSet", v.instanceId == null ? List.<Volume>of() : List.of(v), (a, x) -> a
                    .value("volumeId", x.id).value("instanceId", x.instanceId).value("device", x.device)
                    .value("status", "attached").time("attachTime", x.attachTime)
                    .value("deleteOnTermination", x.deleteOnTermination));
            w.value("volumeType", v.volumeType).value("encrypted", false).value("multiAttachEnabled", false).tags(v.tags);
        }).value("nextToken", page.nextToken());
    }

    static void deleteVolume(ActionContext ctx) {
        Volume volume = ctx.region.volume(ctx.params.required("VolumeId"));
        if (volume.instanceId != null) {
            throw new Ec2Error("VolumeInUse", "Volume " + volume.id + " is currently attached to " + volume.instanceId);
        }
        ctx.region.volumes.remove(volume.id);
        ctx.out.value("return", true);
    }

    static void describeSnapshots(ActionContext ctx) {
        Paging.Window window = Paging.SNAPSHOTS.window(ctx.params);
        List<String> ids = ctx.params.list("SnapshotId");
        List<String> owners = ctx.params.list("Owner");
        List<Snapshot> found = ids.isEmpty() ? new ArrayList<>(ctx.region.snapshots.values())
                : ids.stream().map(ctx.region::snapshot).toList();
        List<Filter> filters = Filter.from(ctx.params);
        List<Snapshot> matching = found.stream()
                .filter(s -> owners.isEmpty() || owners.contains(s.ownerId) || (owners.contains("self") && s.ownerId.equals(ctx.accountId())))
                .filter(s -> s.matches(filters)).toList();
        Paging.Page<Snapshot> page = window.apply(matching);
        ctx.out.items("snapshotSet", page.items(), (w, s) -> w.value("snapshotId", s.id).value("volumeId", s.volumeId)
                .value("status", s.state).time("startTime", s.startTime)
                .value("progress", s.state.equals("completed") ? "100%" : "0%").value("ownerId", s.ownerId)
                .value("volumeSize", s.volumeSize).value("description", s.description).value("encrypted", false)
                .value("storageTier", "standard").tags(s.tags)).value("nextToken", page.nextToken());
    }

    static void deleteSnapshot(ActionContext ctx) {
        Snapshot snapshot = ctx.region.snapshot(ctx.params.required("SnapshotId"));
        for (Image image : ctx.region.images.values()) {
            if (snapshot.id.equals(image.snapshotId)) {
                throw new Ec2Error("InvalidSnapshot.InUse", "The snapshot " + snapshot.id + " is currently in use by " + image.id);
            }
        }
        ctx.region.snapshots.remove(snapshot.id);
        ctx.out.value("return", true);
    }

    /** Create-volume permissions: {@code CreateVolumePermission.Add.N.UserId / .Group}, or the older flat form. */
    static void modifySnapshotAttribute(ActionContext ctx) {
        Params p = ctx.params;
        Snapshot snapshot = ctx.region.snapshot(p.required("SnapshotId"));
        Set<String> permissions = snapshot.createVolumePermissions;
        boolean changed = false;
        for (Params add : p.member("CreateVolumePermission").members("Add")) {
            changed |= Permissions.apply(add.string("UserId"), add.string("Group"), permissions::add);
        }
        for (Params remove : p.member("CreateVolumePermission").members("Remove")) {
            changed |= Permissions.apply(remove.string("UserId"), remove.string("Group"), permissions::remove);
        }
        if ("createVolumePermission".equals(p.string("Attribute"))) {
            Consumer<String> change = "remove".equals(p.string("OperationType")) ? permissions::remove : permissions::add;
            for (String user : p.list("UserId")) {
                changed |= Permissions.apply(user, null, change);
            }
            for (String group : p.list("UserGroup")) {
                changed |= Permissions.apply(null, group, change);
            }
        }
        if (!changed) {
            throw new Ec2Error("MissingParameter", "The request must contain CreateVolumePermission.Add.1.UserId "
                    + "(or .Group all), or their Remove forms");
        }
        ctx.out.value("return", true);
    }

    static void describeSnapshotAttribute(ActionContext ctx) {
        Snapshot snapshot = ctx.region.snapshot(ctx.params.required("SnapshotId"));
        String attribute = ctx.params.required("Attribute");
        if (!attribute.equals("createVolumePermission")) {
            throw Ec2Error.invalidValue("Value (" + attribute + ") for parameter attribute is invalid. Use createVolumePermission.");
        }
        ctx.out.value("snapshotId", snapshot.id).items("createVolumePermission", snapshot.createVolumePermissions,
                (w, who) -> w.value(who.equals("all") ? "group" : "userId", who));
    }
}
