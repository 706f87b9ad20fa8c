package dev.kiln.testkit.ec2.internal.action;

import dev.kiln.testkit.ec2.internal.ActionContext;
import dev.kiln.testkit.ec2.internal.ActionDispatcher;
import dev.kiln.testkit.ec2.internal.Ec2Error;
import dev.kiln.testkit.ec2.internal.Filter;
import dev.kiln.testkit.ec2.internal.Ids;
import dev.kiln.testkit.ec2.internal.Paging;
import dev.kiln.testkit.ec2.internal.Params;
import dev.kiln.testkit.ec2.internal.TagSpecifications;
import dev.kiln.testkit.ec2.internal.XmlWriter;
import dev.kiln.testkit.ec2.internal.state.Image;
import dev.kiln.testkit.ec2.internal.state.Instance;
import dev.kiln.testkit.ec2.internal.state.InstanceState;
import dev.kiln.testkit.ec2.internal.state.RegionState;
import dev.kiln.testkit.ec2.internal.state.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** DescribeImages, CreateImage, CopyImage, DeregisterImage, Describe/ModifyImageAttribute. */
public final class ImageActions {
    private static final Set<String> TAGGABLE = Set.of("image", "snapshot");
    private static final String NAME_CHARS = "[a-zA-Z0-9()\\[\\] ./\\-'@_]{3,128}";

    private ImageActions() {
    }

    public static void register(ActionDispatcher dispatcher) {
        dispatcher.register("DescribeImages", ImageActions::describeImages)
                .register("CreateImage", ImageActions::createImage)
                .register("CopyImage", ImageActions::copyImage)
                .register("DeregisterImage", ImageActions::deregisterImage)
                .register("DescribeImageAttribute", ImageActions::describeImageAttribute)
                .register("ModifyImageAttribute", ImageActions::modifyImageAttribute);
    }

    /** True when {@code account} may see and launch the image: it owns it, it is public, or shared with it. */
    static boolean launchableBy(Image image, String account) {
        return image.ownerId.equals(account) || image.isPublic || image.launchUsers.contains(account);
    }

    static void describeImages(ActionContext ctx) {
        Params p = ctx.params;
        Paging.Window window = Paging.IMAGES.window(p);
        String account = ctx.accountId();
        List<String> ids = p.list("ImageId");
        List<String> owners = p.list("Owner");
        List<String> executableBy = p.list("ExecutableBy");
        List<Filter> filters = Filter.from(p);
        List<Image> candidates = new ArrayList<>();
        if (!ids.isEmpty()) {
            for (String id : ids) {
                Image image = ctx.region.images.get(id);
                if (image == null || !launchableBy(image, account) || !image.visibleToDescribe()) {
                    throw RegionState.imageNotFound(id);
                }
                candidates.add(image);
            }
        } else {
            ctx.region.images.values().stream().filter(i -> launchableBy(i, account))
                    .filter(Image::visibleToDescribe).forEach(candidates::add);
        }
        List<Image> images = candidates.stream()
                .filter(i -> owners.isEmpty() || owners.stream().anyMatch(o -> ownedBy(i, o, account)))
                .filter(i -> executableBy.isEmpty() || executableBy.stream().anyMatch(e -> executableBy(i, e, account)))
                .filter(i -> i.matches(filters))
                .toList();
        Paging.Page<Image> page = window.apply(images);
        ctx.out.items("imagesSet", page.items(), ImageActions::writeImage).value("nextToken", page.nextToken());
    }

    private static boolean ownedBy(Image image, String owner, String account) {
        return switch (owner) {
            case "self" -> image.ownerId.equals(account);
            case "amazon", "aws-marketplace" -> owner.equals(image.ownerAlias);
            default -> image.ownerId.equals(owner);
        };
    }

    private static boolean executableBy(Image image, String who, String account) {
        return switch (who) {
            case "all" -> image.isPublic;
            case "self" -> launchableBy(image, account);
            default -> image.isPublic || image.launchUsers.contains(who);
        };
    }

    static void createImage(ActionContext ctx) {
        Params p = ctx.params;
        RegionState region = ctx.region;
        Instance instance = region.instance(p.required("InstanceId"));
        String name = validName(region, p.required("Name"), ctx.accountId());
        if (instance.state != InstanceState.RUNNING && instance.state != InstanceState.STOPPED) {
            throw Ec2Error.incorrectState("Instance '" + instance.id + "' is not in a state from which it can be imaged: "
                    + instance.state.apiName());
        }
        Image source = region.images.get(instance.imageId);
        Image image = newImage(ctx, name, p.string("Description"));
        image.sourceInstanceId = instance.id;
        image.defaultUser = instance.sshUser;
        image.platform = instance.platform;
        image.rootDeviceName = instance.rootDeviceName;
        String rootVolume = instance.blockDevices.isEmpty() ? null : instance.blockDevices.get(0).volumeId();
        image.volumeSize = rootVolume == null ? 8 : region.volume(rootVolume).size;
        Snapshot snapshot = newSnapshot(ctx, image, rootVolume,
                "Created by CreateImage(" + instance.id + ") for " + image.id);
        ctx.cloud.lifecycle().capture(region, image, snapshot, instance, source == null ? null : source.root);
        ctx.out.value("imageId", image.id);
    }

    static void copyImage(ActionContext ctx) {
        Params p = ctx.params;
        Optional<String> earlier = ctx.region.copyTokens.earlierResult(p);
        if (earlier.isPresent()) {
            ctx.out.value("imageId", earlier.get());
            return;
        }
        String sourceRegionName = p.required("SourceRegion");
        if (!ctx.cloud.regionNames().contains(sourceRegionName)) {
            throw Ec2Error.invalidValue("Invalid region: " + sourceRegionName);
        }
        RegionState sourceRegion = ctx.cloud.region(sourceRegionName);
        Image source = sourceRegion.images.get(p.required("SourceImageId"));
        if (source == null || !launchableBy(source, ctx.accountId())) {
            throw RegionState.imageNotFound(p.string("SourceImageId"));
        }
        if (!source.state.equals("available")) {
            throw new Ec2Error("IncorrectState", "Image " + source.id + " is not available (state " + source.state + ")");
        }
        String name = validName(ctx.region, p.string("Name", source.name), ctx.accountId());
        Image copy = newImage(ctx, name, p.string("Description", source.description));
        copy.defaultUser = source.defaultUser;
        copy.platform = source.platform;
        copy.rootDeviceName = source.rootDeviceName;
        copy.volumeSize = source.volumeSize;
        copy.architecture = source.architecture;
        copy.sourceImageId = source.id;
        copy.sourceImageRegion = sourceRegionName;
        Snapshot snapshot = newSnapshot(ctx, copy, null,
                "Copied for DestinationAmi " + copy.id + " from SourceAmi " + source.id + " (" + sourceRegionName + ")");
        ctx.cloud.lifecycle().copy(ctx.region, copy, snapshot, source.root);
        ctx.region.copyTokens.remember(p, copy.id);
        ctx.out.value("imageId", copy.id);
    }

    private static String validName(RegionState region, String name, String account) {
        if (!name.matches(NAME_CHARS)) {
            throw new Ec2Error("InvalidAMIName.Malformed", "AMI names must be between 3 and 128 characters long, and may "
                    + "contain letters, numbers, '(', ')', '.', '-', '/' and '_'");
        }
        for (Image other : region.images.values()) {
            if (other.ownerId.equals(account) && name.equals(other.name)) {
                throw new Ec2Error("InvalidAMIName.Duplicate", "AMI name " + name + " is already in use by AMI " + other.id);
            }
        }
        return name;
    }

    private static Image newImage(ActionContext ctx, String name, String description) {
        Image image = new Image(Ids.next("ami"));
        image.name = name;
        image.description = description;
        image.ownerId = ctx.accountId();
        image.creationDate = Instant.now();
        image.tags.putAll(TagSpecifications.tagsFor(ctx.params, "image", TAGGABLE));
        image.hiddenDescribes = ctx.cloud.faults().consistencyDescribes();
        ctx.region.images.put(image.id, image);
        ctx.created(image.id);
        return image;
    }

    private static Snapshot newSnapshot(ActionContext ctx, Image image, String volumeId, String description) {
        Snapshot snapshot = new Snapshot(Ids.next("snap"));
        snapshot.volumeId = volumeId;
        snapshot.ownerId = ctx.accountId();
        snapshot.volumeSize = image.volumeSize;
        snapshot.description = description;
        snapshot.tags.putAll(TagSpecifications.tagsFor(ctx.params, "snapshot", TAGGABLE));
        ctx.region.snapshots.put(snapshot.id, snapshot);
        image.snapshotId = snapshot.id;
        ctx.created(snapshot.id);
        return snapshot;
    }

    private static Image ownImage(ActionContext ctx) {
        String id = ctx.params.required("ImageId");
        Image image = ctx.region.images.get(id);
        if (image == null || !launchableBy(image, ctx.accountId())) {
            throw RegionState.imageNotFound(id);
        }
        return image;
    }

    static void deregisterImage(ActionContext ctx) {
        Image image = ownImage(ctx);
        if (!image.ownerId.equals(ctx.accountId())) {
            throw new Ec2Error("AuthFailure", "Not authorized for image:" + image.id, 403);
        }
        ctx.region.images.remove(image.id);
        ctx.cloud.store().delete(ctx.region.name, image.id);
        ctx.out.value("return", true);
    }

    static void describeImageAttribute(ActionContext ctx) {
        Image image = ownImage(ctx);
        String attribute = ctx.params.required("Attribute");
        XmlWriter out = ctx.out.value("imageId", image.id);
        switch (attribute) {
            case "description" -> out.start("description").value("value", image.description).end();
            case "launchPermission" -> {
                out.start("launchPermission");
                if (image.isPublic) {
                    out.start("item").value("group", "all").end();
                }
                image.launchUsers.forEach(user -> out.start("item").value("userId", user).end());
                out.end();
            }
            case "blockDeviceMapping" -> writeBlockDevices(out, image);
            case "sriovNetSupport" -> out.start("sriovNetSupport").value("value", "simple").end();
            case "productCodes" -> out.items("productCodes", List.of(), (w, none) -> { });
            case "kernel", "ramdisk" -> out.start(attribute).end();
            default -> throw Ec2Error.invalidValue("Value (" + attribute + ") for parameter attribute is invalid. "
                    + "Use description, launchPermission, blockDeviceMapping, sriovNetSupport, productCodes, kernel or ramdisk.");
        }
    }

    static void modifyImageAttribute(ActionContext ctx) {
        Params p = ctx.params;
        Image image = ownImage(ctx);
        if (!image.ownerId.equals(ctx.accountId())) {
            throw new Ec2Error("AuthFailure", "Not authorized for image:" + image.id, 403);
        }
        String attribute = p.string("Attribute");
        boolean changed = false;
        String description = p.member("Description").string("Value", "description".equals(attribute) ? p.string("Value") : null);
        if (description != null) {
            image.description = description;
            changed = true;
        }
        for (Params add : p.member("LaunchPermission").members("Add")) {
            changed |= permit(image, add.string("UserId"), add.string("Group"), true);
        }
        for (Params remove : p.member("LaunchPermission").members("Remove")) {
            changed |= permit(image, remove.string("UserId"), remove.string("Group"), false);
        }
        if ("launchPermission".equals(attribute)) {
            boolean add = !"remove".equals(p.string("OperationType"));
            for (String user : p.list("UserId")) {
                changed |= permit(image, user, null, add);
            }
            for (String group : p.list("UserGroup")) {
                changed |= permit(image, null, group, add);
            }
        }
        if (!changed) {
            throw new Ec2Error("MissingParameter", "The request must contain an attribute to modify, "
                    + "e.g. Description.Value or LaunchPermission.Add.1.UserId");
        }
        if (image.state.equals("available")) {
            ctx.cloud.store().save(ctx.region.name, image);
        }
        ctx.out.value("return", true);
    }

    private static boolean permit(Image image, String user, String group, boolean add) {
        return Permissions.apply(user, group, who -> {
            if (who.equals("all")) {
                image.isPublic = add;
            } else if (add) {
                image.launchUsers.add(who);
            } else {
                image.launchUsers.remove(who);
            }
        });
    }

    static void writeImage(XmlWriter w, Image i) {
        w.value("imageId", i.id).value("imageLocation", i.ownerId + "/" + i.name).value("imageState", i.state)
                .value("imageOwnerId", i.ownerId).time("creationDate", i.creationDate).value("isPublic", i.isPublic)
                .value("architecture", i.architecture).value("imageType", "machine").value("platform", i.platform)
                .value("platformDetails", platformDetails(i.platform))
                .value("usageOperation", i.platform == null ? "RunInstances" : "RunInstances:0002")
                .value("imageOwnerAlias", i.ownerAlias).value("name", i.name).value("description", i.description)
                .value("rootDeviceType", "ebs").value("rootDeviceName", i.rootDeviceName)
                .value("sourceInstanceId", i.sourceInstanceId).value("sourceImageId", i.sourceImageId)
                .value("sourceImageRegion", i.sourceImageRegion);
        writeBlockDevices(w, i);
        w.value("virtualizationType", "hvm").value("hypervisor", "xen").value("enaSupport", true)
                .value("sriovNetSupport", "simple");
        if (i.stateReasonCode != null) {
            w.start("stateReason").value("code", i.stateReasonCode).value("message", i.stateReasonMessage).end();
        }
        w.tags(i.tags);
    }

    /** EC2's {@code platformDetails} for an image or instance of {@code platform}. */
    static String platformDetails(String platform) {
        return platform == null ? "Linux/UNIX" : "Windows";
    }

    private static void writeBlockDevices(XmlWriter w, Image i) {
        w.items("blockDeviceMapping", i.blockDevices(), (b, d) -> b.value("deviceName", d.deviceName())
                .start("ebs").value("snapshotId", d.snapshotId()).value("volumeSize", d.volumeSize())
                .value("deleteOnTermination", d.deleteOnTermination()).value("volumeType", d.volumeType())
                .value("encrypted", false).end());
    }
}
