package dev.kiln.testkit.ec2.internal.action;

import dev.kiln.testkit.ec2.internal.ActionContext;
import dev.kiln.testkit.ec2.internal.ActionDispatcher;
import dev.kiln.testkit.ec2.internal.Ec2Error;
import dev.kiln.testkit.ec2.internal.Filter;
import dev.kiln.testkit.ec2.internal.Ids;
import dev.kiln.testkit.ec2.internal.InstanceTypes;
import dev.kiln.testkit.ec2.internal.Paging;
import dev.kiln.testkit.ec2.internal.Params;
import dev.kiln.testkit.ec2.internal.TagSpecifications;
import dev.kiln.testkit.ec2.internal.XmlWriter;
import dev.kiln.testkit.ec2.internal.state.Image;
import dev.kiln.testkit.ec2.internal.state.Instance;
import dev.kiln.testkit.ec2.internal.state.InstanceState;
import dev.kiln.testkit.ec2.internal.state.KeyPair;
import dev.kiln.testkit.ec2.internal.state.RegionState;
import dev.kiln.testkit.ec2.internal.state.SecurityGroup;
import dev.kiln.testkit.ec2.internal.state.Volume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** RunInstances, DescribeInstances, Stop/Start/TerminateInstances, ModifyInstanceAttribute. */
public final class InstanceActions {
    private static final int MAX_PER_CALL = 20;
    /** EC2's instance type when RunInstances names none. */
    private static final String DEFAULT_INSTANCE_TYPE = "m1.small";
    private static final Set<String> TAGGABLE = Set.of("instance", "volume", "network-interface");

    private InstanceActions() {
    }

    public static void register(ActionDispatcher dispatcher) {
        dispatcher.register("RunInstances", InstanceActions::runInstances)
                .register("DescribeInstances", InstanceActions::describeInstances)
                .register("StopInstances", InstanceActions::stopInstances)
                .register("StartInstances", InstanceActions::startInstances)
                .register("TerminateInstances", InstanceActions::terminateInstances)
                .register("ModifyInstanceAttribute", InstanceActions::modifyInstanceAttribute);
    }

    static void runInstances(ActionContext ctx) {
        Params p = ctx.params;
        RegionState region = ctx.region;
        Optional<String> earlier = region.runTokens.earlierResult(p);
        if (earlier.isPresent()) {
            writeReservation(ctx, earlier.get(), region.instances.values().stream()
                    .filter(i -> i.reservationId.equals(earlier.get())).toList());
            return;
        }
        Image image = region.image(p.required("ImageId"));
        String instanceType = InstanceTypes.require(p.string("InstanceType", DEFAULT_INSTANCE_TYPE));
        if (!ImageActions.launchableBy(image, ctx.accountId())) {
            throw RegionState.imageNotFound(image.id);
        }
        if (!image.state.equals("available")) {
            throw Ec2Error.invalidValue("Image " + image.id + " is not available (state " + image.state + ")");
        }
        int min = p.integer("MinCount", -1);
        int max = p.integer("MaxCount", -1);
        if (min < 0) {
            p.required("MinCount");
        }
        if (max < 0) {
            p.required("MaxCount");
        }
        if (min < 1 || max < min) {
            throw Ec2Error.invalidValue("MinCount (" + min + ") must be at least 1 and at most MaxCount (" + max + ")");
        }
        if (min > MAX_PER_CALL) {
            throw new Ec2Error("InstanceLimitExceeded", "LocalEc2 runs at most " + MAX_PER_CALL + " instances per call");
        }
        KeyPair keyPair = null;
        String keyName = p.string("KeyName");
        if (keyName != null) {
            keyPair = region.keyPairNamed(keyName)
                    .orElseThrow(() -> Ec2Error.notFound("InvalidKeyPair.NotFound", "key pair", keyName));
            if ("windows".equals(image.platform) && keyPair.type.equals("ed25519")) {
                throw new Ec2Error("Unsupported", "ED25519 key pairs are not supported with Windows AMIs. "
                        + "Choose a different key pair type and try again.");
            }
        }
        Params nic = p.members("NetworkInterface").stream().findFirst().orElse(null);
        List<String> groupIds = groupIds(region, p, nic);
        String subnetId = p.string("SubnetId", nic == null ? null : nic.string("SubnetId"));
        if (subnetId != null && !subnetId.equals(region.defaultSubnet.id)) {
            throw Ec2Error.notFound("InvalidSubnetID.NotFound", "subnet ID", subnetId);
        }
        String zone = p.member("Placement").string("AvailabilityZone", region.defaultZone());
        if (!zone.startsWith(region.name)) {
            throw Ec2Error.invalidValue("Invalid availability zone: [" + zone + "]");
        }
        Map<String, String> instanceTags = TagSpecifications.tagsFor(p, "instance", TAGGABLE);
        Map<String, String> volumeTags = TagSpecifications.tagsFor(p, "volume", TAGGABLE);
        String reservationId = Ids.next("r");
        List<Instance> launched = new ArrayList<>();
        for (int n = 0; n < Math.min(max, MAX_PER_CALL); n++) {
            Instance instance = new Instance(Ids.next("i"));
            instance.imageId = image.id;
            instance.platform = image.platform;
            instance.instanceType = instanceType;
            instance.keyName = keyName;
            instance.authorizedKeys = keyPair == null ? List.of() : List.of(keyPair.publicKey);
            instance.sshUser = image.defaultUser;
            instance.groupIds.addAll(groupIds);
            instance.vpcId = region.defaultVpc.id;
            instance.subnetId = region.defaultSubnet.id;
            instance.availabilityZone = zone;
            instance.reservationId = reservationId;
            instance.clientToken = p.string("ClientToken");
            instance.userData = p.string("UserData");
            instance.ebsOptimized = p.bool("EbsOptimized", false);
            instance.rootDeviceName = image.rootDeviceName;
            instance.launchTime = Instant.now();
            instance.address = ctx.cloud.lifecycle().allocateAddress();
            instance.tags.putAll(instanceTags);
            instance.hiddenDescribes = ctx.cloud.faults().consistencyDescribes();
            ctx.created(instance.id);
            attachVolumes(ctx, instance, image, volumeTags);
            region.instances.put(instance.id, instance);
            ctx.cloud.lifecycle().launch(region, instance, image);
            launched.add(instance);
        }
        region.runTokens.remember(p, reservationId);
        writeReservation(ctx, reservationId, launched);
    }

    private static void writeReservation(ActionContext ctx, String reservationId, List<Instance> instances) {
        ctx.out.value("reservationId", reservationId).value("ownerId", ctx.accountId());
        ctx.out.items("groupSet", List.of(), (w, g) -> { });
        ctx.out.items("instancesSet", instances, (w, i) -> writeInstance(w, ctx.region, i));
    }

    private static List<String> groupIds(RegionState region, Params p, Params nic) {
        Set<String> ids = new LinkedHashSet<>(p.list("SecurityGroupId"));
        if (nic != null) {
            ids.addAll(nic.list("SecurityGroupId"));
        }
        ids.forEach(region::group);
        p.list("SecurityGroup").forEach(name -> ids.add(region.groupByName(name).id));
        if (ids.isEmpty()) {
            region.securityGroups.values().stream().filter(g -> g.isDefault).forEach(g -> ids.add(g.id));
        }
        return new ArrayList<>(ids);
    }

    private static void attachVolumes(ActionContext ctx, Instance instance, Image image, Map<String, String> tags) {
        Map<String, Params> mappings = new LinkedHashMap<>();
        for (Params mapping : ctx.params.members("BlockDeviceMapping")) {
            mappings.put(mapping.required("DeviceName"), mapping);
        }
        Params root = mappings.remove(image.rootDeviceName);
        Params rootEbs = root == null ? null : root.member("Ebs");
        attach(ctx, instance, image.rootDeviceName, rootEbs, image.volumeSize, image.snapshotId, tags);
        for (Map.Entry<String, Params> extra : mappings.entrySet()) {
            if (extra.getValue().string("NoDevice") == null && extra.getValue().string("VirtualName") == null) {
                Params ebs = extra.getValue().member("Ebs");
                attach(ctx, instance, extra.getKey(), ebs, ebs.integer("VolumeSize", 8), ebs.string("SnapshotId"), tags);
            }
        }
    }

    private static void attach(ActionContext ctx, Instance instance, String device, Params ebs, int defaultSize,
                               String snapshotId, Map<String, String> tags) {
        Volume volume = new Volume(Ids.next("vol"));
        volume.size = ebs == null ? defaultSize : ebs.integer("VolumeSize", defaultSize);
        volume.snapshotId = snapshotId;
        volume.availabilityZone = instance.availabilityZone;
        volume.volumeType = ebs == null ? "gp2" : ebs.string("VolumeType", "gp2");
        volume.instanceId = instance.id;
        volume.device = device;
        volume.deleteOnTermination = ebs == null || ebs.bool("DeleteOnTermination", true);
        volume.attachTime = Instant.now();
        volume.tags.putAll(tags);
        ctx.region.volumes.put(volume.id, volume);
        instance.blockDevices.add(new Instance.Attachment(device, volume.id, volume.deleteOnTermination, volume.attachTime));
        ctx.created(volume.id);
    }

    static void describeInstances(ActionContext ctx) {
        RegionState region = ctx.region;
        Paging.Window window = Paging.INSTANCES.window(ctx.params);
        List<String> ids = ctx.params.list("InstanceId");
        List<Filter> filters = Filter.from(ctx.params);
        List<Instance> found = new ArrayList<>();
        if (!ids.isEmpty()) {
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                Instance instance = region.instances.get(id);
                if (instance == null || !instance.visibleToDescribe()) {
                    missing.add(id);
                } else {
                    found.add(instance);
                }
            }
            if (!missing.isEmpty()) {
                throw missingInstances(missing);
            }
        } else {
            region.instances.values().stream().filter(Instance::visibleToDescribe).forEach(found::add);
        }
        Paging.Page<Instance> page = window.apply(found.stream().filter(i -> i.matches(filters)).toList());
        Map<String, List<Instance>> reservations = new LinkedHashMap<>();
        page.items().forEach(i -> reservations.computeIfAbsent(i.reservationId, r -> new ArrayList<>()).add(i));
        ctx.out.start("reservationSet");
        reservations.forEach((id, instances) -> {
            ctx.out.start("item");
            writeReservation(ctx, id, instances);
            ctx.out.end();
        });
        ctx.out.end().value("nextToken", page.nextToken());
    }

    static Ec2Error missingInstances(List<String> missing) {
        return missing.size() == 1
                ? Ec2Error.notFound("InvalidInstanceID.NotFound", "instance ID", missing.get(0))
                : new Ec2Error("InvalidInstanceID.NotFound", "The instance IDs '" + String.join(", ", missing) + "' do not exist");
    }

    private static List<Instance> instances(ActionContext ctx) {
        List<String> ids = ctx.params.list("InstanceId");
        if (ids.isEmpty()) {
            ctx.params.required("InstanceId.1");
        }
        List<String> missing = ids.stream().filter(id -> !ctx.region.instances.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw missingInstances(missing);
        }
        return ids.stream().map(ctx.region.instances::get).toList();
    }

    static void stopInstances(ActionContext ctx) {
        List<Instance> instances = instances(ctx);
        for (Instance i : instances) {
            if (i.state == InstanceState.PENDING || i.state == InstanceState.SHUTTING_DOWN || i.state == InstanceState.TERMINATED) {
                throw Ec2Error.incorrectState("The instance '" + i.id + "' is not in a state from which it can be stopped.");
            }
        }
        changeStates(ctx, instances, i -> {
            if (i.state == InstanceState.RUNNING) {
                i.moveTo(InstanceState.STOPPING);
                i.stateTransitionReason = "User initiated (" + Instant.now() + ")";
                ctx.cloud.lifecycle().stop(ctx.region, i);
            }
        });
    }

    static void startInstances(ActionContext ctx) {
        List<Instance> instances = instances(ctx);
        for (Instance i : instances) {
            if (i.state == InstanceState.STOPPING || i.state == InstanceState.SHUTTING_DOWN || i.state == InstanceState.TERMINATED) {
                throw Ec2Error.incorrectState("The instance '" + i.id + "' is not in a state from which it can be started.");
            }
        }
        changeStates(ctx, instances, i -> {
            if (i.state == InstanceState.STOPPED) {
                i.moveTo(InstanceState.PENDING);
                i.stateTransitionReason = "";
                ctx.cloud.lifecycle().start(ctx.region, i);
            }
        });
    }

    static void terminateInstances(ActionContext ctx) {
        changeStates(ctx, instances(ctx), i -> {
            if (i.state != InstanceState.TERMINATED && i.state != InstanceState.SHUTTING_DOWN) {
                i.moveTo(InstanceState.SHUTTING_DOWN);
                i.shutdownTime = Instant.now();
                i.stateTransitionReason = "User initiated (" + i.shutdownTime + ")";
                ctx.cloud.lifecycle().terminate(ctx.region, i);
            }
        });
    }

    private static void changeStates(ActionContext ctx, List<Instance> instances, java.util.function.Consumer<Instance> change) {
        List<InstanceState[]> states = new ArrayList<>();
        for (Instance i : instances) {
            InstanceState before = i.state;
            change.accept(i);
            states.add(new InstanceState[] {i.state, before});
        }
        ctx.out.start("instancesSet");
        for (int n = 0; n < instances.size(); n++) {
            ctx.out.start("item").value("instanceId", instances.get(n).id);
            state(ctx.out, "currentState", states.get(n)[0]);
            state(ctx.out, "previousState", states.get(n)[1]);
            ctx.out.end();
        }
        ctx.out.end();
    }

    static void state(XmlWriter w, String element, InstanceState state) {
        w.start(element).value("code", state.code()).value("name", state.apiName()).end();
    }

    static void modifyInstanceAttribute(ActionContext ctx) {
        Params p = ctx.params;
        Instance instance = ctx.region.instance(p.required("InstanceId"));
        String attribute = p.string("Attribute");
        String instanceType = p.member("InstanceType").string("Value", "instanceType".equals(attribute) ? p.string("Value") : null);
        String userData = p.member("UserData").string("Value", "userData".equals(attribute) ? p.string("Value") : null);
        List<String> groups = p.list("GroupId");
        if ((instanceType != null || userData != null) && instance.state != InstanceState.STOPPED) {
            throw Ec2Error.incorrectState("The instance '" + instance.id + "' is not in the 'stopped' state.");
        }
        groups.forEach(ctx.region::group);
        boolean changed = instanceType != null || userData != null || !groups.isEmpty();
        if (instanceType != null) {
            instance.instanceType = instanceType;
        }
        if (userData != null) {
            instance.userData = userData;
        }
        if (!groups.isEmpty()) {
            instance.groupIds.clear();
            instance.groupIds.addAll(groups);
        }
        String sourceDestCheck = p.member("SourceDestCheck").string("Value");
        if (sourceDestCheck != null) {
            instance.sourceDestCheck = Boolean.parseBoolean(sourceDestCheck);
            changed = true;
        }
        for (String flag : List.of("EnaSupport", "SriovNetSupport", "EbsOptimized", "DisableApiTermination",
                "InstanceInitiatedShutdownBehavior", "Kernel", "Ramdisk")) {
            changed |= p.member(flag).string("Value") != null;
        }
        if (!changed && attribute == null) {
            throw new Ec2Error("MissingParameter", "The request must contain an attribute to modify, e.g. InstanceType.Value");
        }
        ctx.out.value("return", true);
    }

    static void writeInstance(XmlWriter w, RegionState region, Instance i) {
        boolean hasAddress = i.address != null && i.state != InstanceState.TERMINATED;
        String address = hasAddress ? i.address : null;
        w.value("instanceId", i.id).value("imageId", i.imageId);
        state(w, "instanceState", i.state);
        w.value("platform", i.platform).value("platformDetails", ImageActions.platformDetails(i.platform));
        w.value("privateDnsName", hasAddress ? address : "").value("dnsName", hasAddress ? address : "")
                .value("reason", i.stateTransitionReason).value("keyName", i.keyName)
                .value("amiLaunchIndex", 0).value("instanceType", i.instanceType).time("launchTime", i.launchTime)
                .value("clientToken", i.clientToken)
                .start("placement").value("availabilityZone", i.availabilityZone).value("groupName", "")
                .value("tenancy", "default").end()
                .start("monitoring").value("state", "disabled").end()
                .value("subnetId", i.subnetId).value("vpcId", i.vpcId)
                .value("privateIpAddress", address).value("ipAddress", address)
                .value("sourceDestCheck", i.sourceDestCheck);
        w.items("groupSet", i.groupIds, (g, id) -> {
            SecurityGroup group = region.securityGroups.get(id);
            g.value("groupId", id).value("groupName", group == null ? null : group.name);
        });
        if (i.stateReasonCode != null) {
            w.start("stateReason").value("code", i.stateReasonCode).value("message", i.stateReasonMessage).end();
        }
        w.value("architecture", "x86_64").value("rootDeviceType", "ebs").value("rootDeviceName", i.rootDeviceName);
        List<Instance.Attachment> attached = i.state == InstanceState.TERMINATED ? List.of() : i.blockDevices;
        w.items("blockDeviceMapping", attached, (b, d) -> b.value("deviceName", d.deviceName()).start("ebs")
                .value("volumeId", d.volumeId()).value("status", "attached").time("attachTime", d.attachTime())
                .value("deleteOnTermination", d.deleteOnTermination()).end());
        w.value("virtualizationType", "hvm").value("hypervisor", "xen").value("ebsOptimized", i.ebsOptimized)
                .value("enaSupport", true);
        w.tags(i.tags);
        w.items("networkInterfaceSet", hasAddress ? List.of(i) : List.<Instance>of(), (n, x) -> n
                .value("subnetId", x.subnetId).value("vpcId", x.vpcId).value("status", "in-use")
                .value("privateIpAddress", address).value("privateDnsName", address)
                .start("association").value("publicIp", address).value("publicDnsName", address)
                .value("ipOwnerId", "amazon").end());
        w.start("cpuOptions").value("coreCount", 1).value("threadsPerCore", 1).end();
        w.start("metadataOptions").value("state", "applied").value("httpTokens", "optional")
                .value("httpPutResponseHopLimit", 1).value("httpEndpoint", "enabled").end();
    }
}
