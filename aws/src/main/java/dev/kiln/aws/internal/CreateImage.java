package dev.kiln.aws.internal;

import dev.kiln.core.builder.Cleanup;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * CreateImage from the stopped instance. The image id is recorded the moment EC2 returns it, on an undo that
 * runs on failure or cancel, so an AMI still pending when the build stops is deregistered and its snapshots
 * deleted. Then waits until it is available.
 */
final class CreateImage implements Step {
    @Override
    public String name() {
        return "create image";
    }

    @Override
    public void run(EbsState s) throws Exception {
        String region = s.region();
        Cleanup cleanup = s.context.onFailure("Deregistering the AMI and deleting its snapshots in " + region,
                () -> remove(s, region));
        s.context.say("Creating AMI " + s.config.amiName() + " from instance " + s.instanceId);
        String imageId = s.ec2().createImage(r -> r.instanceId(s.instanceId).name(s.config.amiName())
                .description(s.config.amiDescription())
                .blockDeviceMappings(Mappings.of(s.config.amiBlockDevices()))
                .tagSpecifications(KilnTags.spec(ResourceType.IMAGE, KilnTags.temporary(s.context)),
                        KilnTags.spec(ResourceType.SNAPSHOT, KilnTags.temporary(s.context)))).imageId();
        s.amis.put(region, imageId);
        s.track(cleanup, "image", imageId, region);
        s.context.say("AMI: " + imageId);
        s.context.say("Waiting for AMI to become ready...");
        Image image = ImageWait.untilAvailable(s.ec2(), imageId, s.config.waits().imageAvailable());
        List<String> snapshots = snapshotIds(image);
        s.snapshots.put(region, snapshots);
        snapshots.forEach(id -> s.track(cleanup, "snapshot", id, region));
    }

    static List<String> snapshotIds(Image image) {
        return image.blockDeviceMappings().stream().map(BlockDeviceMapping::ebs)
                .filter(e -> e != null && e.snapshotId() != null).map(e -> e.snapshotId()).toList();
    }

    /** Removes the region's AMI of this build, known or only tagged, with its snapshots. */
    static void remove(EbsState s, String region) {
        s.context.say("Deregistering the AMI and deleting associated snapshots in " + region
                + " because of cancellation, or error...");
        ImageRemoval.remove(s.clients.forRegion(region), s.amis.get(region), s.context.sessionId(), s.context.sourceName());
    }
}
