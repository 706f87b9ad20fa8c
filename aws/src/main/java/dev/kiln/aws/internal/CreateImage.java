package dev.kiln.aws.internal;

import dev.kiln.core.builder.Cleanup;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * CreateImage from the stopped instance. The image id is recorded the moment EC2 returns it, on an undo that
 * runs on failure or cancel, so an AMI still pending when the build stops is deregistered and its snapshots
 * deleted. Then waits until it is available.
 *
 * <p>Cut off: CreateImage has no client token, but the AMI name is unique in the region. The undo waits for a
 * call in flight to end and takes the image id from its answer, or, when the answer was lost, finds the image
 * by its name and this build's instance, and by the session's tags ({@link OwnImages}). A retry after a lost
 * answer meets {@code InvalidAMIName.Duplicate}: when the image of that name was made from this build's
 * instance, it is this build's, and the build goes on; otherwise the name belongs to someone else's image and
 * the build fails with EC2's error.
 */
final class CreateImage implements Step {
    @Override
    public String name() {
        return "create image";
    }

    @Override
    public void run(EbsState s) throws Exception {
        String region = s.region();
        CreateCall<String> creating = CreateCall.of(() -> create(s));
        Cleanup cleanup = s.onFailure("Deregistering the AMI and deleting its snapshots in " + region,
                () -> remove(s, region, creating));
        s.context.say("Creating AMI " + s.config.amiName() + " from instance " + s.instanceId);
        String imageId = creating.send().answer();
        s.amis.put(region, imageId);
        s.track(cleanup, "image", imageId, region);
        s.context.say("AMI: " + imageId);
        s.context.say("Waiting for AMI to become ready...");
        Image image = ImageWait.untilAvailable(s.ec2(), imageId, s.config.waits().imageAvailable());
        List<String> snapshots = snapshotIds(image);
        s.snapshots.put(region, snapshots);
        snapshots.forEach(id -> s.track(cleanup, "snapshot", id, region));
        s.creation.tagAfterCreation(s.ec2(), snapshots, KilnTags.temporary(s.context));
    }

    private static String create(EbsState s) throws Exception {
        String imageId;
        try {
            imageId = s.creation.call("CreateImage", List.of(KilnTags.spec(ResourceType.IMAGE, KilnTags.temporary(s.context)),
                            KilnTags.spec(ResourceType.SNAPSHOT, KilnTags.temporary(s.context))),
                    specs -> s.ec2().createImage(r -> r.instanceId(s.instanceId).name(s.config.amiName())
                            .description(s.config.amiDescription(s.buildData()))
                            .blockDeviceMappings(Mappings.of(s.config.amiBlockDevices()))
                            .tagSpecifications(specs).overrideConfiguration(s.creation.retries())).imageId());
        } catch (AwsServiceException e) {
            if (!AwsErrors.is(e, "InvalidAMIName.Duplicate")) {
                throw e;
            }
            imageId = OwnImages.named(s, s.ec2(), s.region()).stream().findFirst().orElseThrow(() -> e);
        }
        s.creation.tagAfterCreation(s.ec2(), List.of(imageId), KilnTags.temporary(s.context));
        return imageId;
    }

    static List<String> snapshotIds(Image image) {
        return image.blockDeviceMappings().stream().map(BlockDeviceMapping::ebs)
                .filter(e -> e != null && e.snapshotId() != null).map(e -> e.snapshotId()).toList();
    }

    /**
     * Removes the region's AMI of this build with its snapshots: the one {@code call} answered, else the ones
     * it made without an answer; waits for a call still in flight first.
     */
    static void remove(EbsState s, String region, CreateCall<String> call) throws InterruptedException {
        if (!call.sent()) {
            return;
        }
        Optional<String> answered = call.settled();
        s.context.say("Deregistering the AMI and deleting associated snapshots in " + region
                + " because of cancellation, or error...");
        Ec2Client ec2 = s.clients.forRegion(region);
        List<String> images = answered.map(List::of).orElseGet(() -> OwnImages.named(s, ec2, region));
        ImageRemoval.remove(ec2, images, s.context.sessionId(), s.context.sourceName());
    }
}
