package dev.kiln.aws.internal;

import dev.kiln.aws.BlockDevice;
import dev.kiln.aws.MetadataOptions;
import dev.kiln.core.builder.Cleanup;
import dev.kiln.core.builder.Resource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataTagsState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * Launches the source instance with every tag at creation, records its id at once, waits until it runs, and
 * picks the address to connect to. Its cleanup terminates the instance, waits until it is gone, and deletes
 * the build's leftover volumes.
 *
 * <p>Cut off: RunInstances carries a ClientToken chosen before it is sent, so the SDK's retry after a lost answer
 * gets the same instance back instead of a second one. The undo waits for a call in flight to end and takes the
 * instance id from its answer, or, when the answer was lost, finds the instance by its client token.
 */
final class RunSourceInstance implements Step {
    private static final int DESCRIBE_ATTEMPTS = 11;

    @Override
    public String name() {
        return "run instance";
    }

    @Override
    public void run(EbsState s) throws Exception {
        List<String> tokens = new CopyOnWriteArrayList<>();
        RunInstancesRequest.Builder request = request(s);
        if (s.config.runInstancesCustomizer() != null) {
            s.config.runInstancesCustomizer().accept(request);
        }
        RunInstancesRequest launch = request.build();
        CreateCall<String> launching = CreateCall.of(() -> launch(s, launch, tokens));
        Cleanup undo = s.onCleanup("Terminating the source AWS instance",
                self -> terminate(s, launching, tokens, self));
        s.context.say("Launching a source AWS instance...");
        s.instanceId = launching.send().answer();
        s.track(undo, "instance", s.instanceId, s.region());
        s.context.say("Instance ID: " + s.instanceId);
        s.context.say("Waiting for instance (" + s.instanceId + ") to become ready...");
        Waiting.cancellable(() -> Waiting.waiter(s.ec2(), s.config.waits().instanceRunning())
                .waitUntilInstanceRunning(r -> r.instanceIds(s.instanceId)));
        Instance instance = Retry.on(DESCRIBE_ATTEMPTS, "InvalidInstanceID.NotFound").call(s.context,
                () -> s.ec2().describeInstances(r -> r.instanceIds(s.instanceId)).reservations().get(0).instances().get(0));
        s.creation.tagAfterCreation(s.ec2(), volumeIds(instance), KilnTags.temporaryAnd(s.context, s.config.volumeTags(s.buildData())));
        s.host = SshAddress.of(s.config, instance);
        s.context.detail("Using SSH host " + s.host);
    }

    /**
     * Sends RunInstances with a client token of its own for each form of the request (with and without
     * TagSpecifications), each recorded in {@code tokens} before it is sent; returns the instance id.
     */
    private static String launch(EbsState s, RunInstancesRequest request, List<String> tokens) throws Exception {
        String instanceId = s.creation.call("RunInstances", request.tagSpecifications(), specs -> {
            String token = request.clientToken() != null && tokens.isEmpty() ? request.clientToken() : UUID.randomUUID().toString();
            tokens.add(token);
            return s.ec2().runInstances(request.toBuilder().tagSpecifications(specs).clientToken(token)
                    .overrideConfiguration(s.creation.retries()).build()).instances().get(0).instanceId();
        });
        s.creation.tagAfterCreation(s.ec2(), List.of(instanceId), instanceTags(s));
        return instanceId;
    }

    private static RunInstancesRequest.Builder request(EbsState s) throws Exception {
        RunInstancesRequest.Builder r = RunInstancesRequest.builder()
                .imageId(s.sourceImage.imageId())
                .instanceType(s.config.instanceType())
                .minCount(1).maxCount(1)
                .keyName(s.keyName)
                .instanceInitiatedShutdownBehavior(s.config.shutdownBehavior())
                .blockDeviceMappings(blockDevices(s))
                .tagSpecifications(
                        KilnTags.spec(ResourceType.INSTANCE, instanceTags(s)),
                        KilnTags.spec(ResourceType.VOLUME, KilnTags.temporaryAnd(s.context, s.config.volumeTags(s.buildData()))));
        if (s.config.associatePublicIpAddress() != null) {
            r.networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).subnetId(s.subnetId)
                    .groups(s.securityGroupIds).associatePublicIpAddress(s.config.associatePublicIpAddress())
                    .deleteOnTermination(true).build());
        } else {
            r.subnetId(s.subnetId).securityGroupIds(s.securityGroupIds);
        }
        String profile = s.config.iamInstanceProfile();
        if (profile != null) {
            r.iamInstanceProfile(p -> {
                if (profile.startsWith("arn:")) {
                    p.arn(profile);
                } else {
                    p.name(profile);
                }
            });
        }
        byte[] userData = s.config.userDataFile() != null ? Files.readAllBytes(s.config.userDataFile())
                : s.config.userData() != null ? s.config.userData().getBytes(StandardCharsets.UTF_8) : null;
        if (userData != null) {
            r.userData(Base64.getEncoder().encodeToString(userData));
        }
        MetadataOptions m = s.config.metadataOptions();
        if (m != null) {
            r.metadataOptions(o -> o
                    .httpEndpoint(m.endpointEnabled() ? InstanceMetadataEndpointState.ENABLED : InstanceMetadataEndpointState.DISABLED)
                    .httpTokens(m.tokensRequired() ? HttpTokensState.REQUIRED : HttpTokensState.OPTIONAL)
                    .httpPutResponseHopLimit(m.hopLimit())
                    .instanceMetadataTags(m.instanceTagsEnabled() ? InstanceMetadataTagsState.ENABLED : InstanceMetadataTagsState.DISABLED));
        }
        return r;
    }

    /** Kiln's tags, the run tags, and a Name unless the run tags have one. */
    private static List<Tag> instanceTags(EbsState s) {
        Map<String, String> runTags = s.config.runTags(s.buildData());
        List<Tag> tags = new ArrayList<>(KilnTags.temporaryAnd(s.context, runTags));
        if (!runTags.containsKey("Name")) {
            tags.add(KilnTags.tag("Name", "Kiln Builder"));
        }
        return tags;
    }

    private static List<String> volumeIds(Instance instance) {
        return instance.blockDeviceMappings().stream().filter(m -> m.ebs() != null && m.ebs().volumeId() != null)
                .map(m -> m.ebs().volumeId()).toList();
    }

    /** The launch mappings; with encryptBoot, the source's root device is encrypted unless mapped already. */
    private static List<BlockDeviceMapping> blockDevices(EbsState s) {
        List<BlockDeviceMapping> mappings = new ArrayList<>(Mappings.of(s.config.launchBlockDevices()));
        String root = s.sourceImage.rootDeviceName();
        boolean rootMapped = s.config.launchBlockDevices().stream().map(BlockDevice::deviceName).anyMatch(d -> d.equals(root));
        if (Boolean.TRUE.equals(s.config.encryptBoot()) && root != null && !rootMapped) {
            mappings.add(BlockDeviceMapping.builder().deviceName(root)
                    .ebs(e -> e.encrypted(true).kmsKeyId(s.config.kmsKeyId()).deleteOnTermination(true)).build());
        }
        return mappings;
    }

    private static void terminate(EbsState s, CreateCall<String> launching, List<String> tokens, Cleanup undo) throws Exception {
        if (!launching.sent()) {
            return;
        }
        List<String> ids = launching.settled().map(List::of).orElseGet(() -> findByToken(s, tokens));
        if (ids.isEmpty()) {
            return;
        }
        if (s.instanceId == null) {
            ids.forEach(id -> undo.track(new Resource("instance", id, s.region())));
        }
        s.context.say("Terminating the source AWS instance...");
        requestTermination(s, ids);
        Waiting.cancellable(() -> Waiting.waiter(s.ec2(), s.config.waits().instanceTerminated())
                .waitUntilInstanceTerminated(r -> r.instanceIds(ids)));
        deleteLeftoverVolumes(s);
    }

    /** The instances RunInstances made with one of these client tokens and that are not terminated. */
    private static List<String> findByToken(EbsState s, List<String> tokens) {
        if (tokens.isEmpty()) {
            return List.of();
        }
        return s.ec2().describeInstances(r -> r.filters(Filter.builder().name("client-token").values(tokens).build()))
                .reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> i.state() == null || i.state().name() != InstanceStateName.TERMINATED)
                .map(Instance::instanceId).toList();
    }

    /** TerminateInstances; EC2 accepts it again on an instance already shutting down. */
    static void requestTermination(EbsState s, List<String> instanceIds) {
        try {
            s.ec2().terminateInstances(r -> r.instanceIds(instanceIds));
        } catch (RuntimeException e) {
            if (!AwsErrors.is(e, "InvalidInstanceID.NotFound")) {
                throw e;
            }
        }
    }

    private static void deleteLeftoverVolumes(EbsState s) {
        List<Volume> volumes = s.ec2().describeVolumes(r -> r.filters(
                Filter.builder().name("tag:" + KilnTags.SESSION).values(s.context.sessionId()).build(),
                Filter.builder().name("tag:" + KilnTags.SOURCE).values(s.context.sourceName()).build(),
                Filter.builder().name("status").values("available").build())).volumes();
        for (Volume v : volumes) {
            s.context.detail("Deleting leftover volume " + v.volumeId());
            s.ec2().deleteVolume(r -> r.volumeId(v.volumeId()));
        }
    }
}
