package dev.kiln.aws.internal;

import dev.kiln.core.builder.Cleanup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Copies the AMI to every extra region at once and waits for each copy. Each region's undo is registered
 * before its copy starts and removes the copy, so a failure or cancel removes partial copies too.
 *
 * <p>Cut off: each CopyImage carries a ClientToken chosen before it is sent, so the SDK's retry after a lost
 * answer gets the same copy back instead of a second one. The undo waits for a call in flight to end and takes
 * the copy's id from its answer, or, when the answer was lost, finds the copy by its name and its source AMI
 * ({@link OwnImages}) and by the session's tags.
 */
final class CopyImage implements Step {
    @Override
    public String name() {
        return "copy image";
    }

    @Override
    public void run(EbsState s) throws Exception {
        List<String> regions = s.config.amiRegions();
        if (regions.isEmpty()) {
            return;
        }
        String sourceImage = s.amis.get(s.region());
        s.context.say("Copying AMI (" + sourceImage + ") to other regions...");
        Map<String, CreateCall<String>> copies = new LinkedHashMap<>();
        Map<String, Cleanup> undos = new LinkedHashMap<>();
        for (String region : regions) {
            CreateCall<String> copying = CreateCall.of(() -> copy(s, sourceImage, region));
            copies.put(region, copying);
            undos.put(region, s.onFailure("Deregistering the copy in " + region + " and deleting its snapshots",
                    () -> CreateImage.remove(s, region, copying)));
        }
        for (String region : regions) {
            s.context.say("Copying to: " + region);
            copies.get(region).send();
        }
        s.context.say("Waiting for all copies to complete...");
        for (String region : regions) {
            String copyId = copies.get(region).answer();
            s.amis.put(region, copyId);
            s.track(undos.get(region), "image", copyId, region);
            s.context.detail("Copy of " + sourceImage + " in " + region + ": " + copyId);
        }
        for (String region : regions) {
            Image image = ImageWait.untilAvailable(s.clients.forRegion(region), s.amis.get(region), s.config.waits().imageAvailable());
            List<String> snapshots = CreateImage.snapshotIds(image);
            s.snapshots.put(region, snapshots);
            snapshots.forEach(id -> s.track(undos.get(region), "snapshot", id, region));
            s.creation.tagAfterCreation(s.clients.forRegion(region), snapshots, KilnTags.temporary(s.context));
        }
    }

    /** Sends CopyImage with a client token of its own for each form of the request; returns the copy's id. */
    private static String copy(EbsState s, String sourceImage, String region) throws Exception {
        String kmsKey = s.config.regionKmsKeyIds().get(region);
        String copyId = s.creation.call("CopyImage", List.of(KilnTags.spec(ResourceType.IMAGE, KilnTags.temporary(s.context)),
                        KilnTags.spec(ResourceType.SNAPSHOT, KilnTags.temporary(s.context))),
                specs -> s.clients.forRegion(region).copyImage(r -> r.sourceRegion(s.region()).sourceImageId(sourceImage)
                        .name(s.config.amiName()).description(s.config.amiDescription(s.buildData()))
                        .encrypted(s.config.encryptBoot()).kmsKeyId(kmsKey)
                        .clientToken(UUID.randomUUID().toString())
                        .tagSpecifications(specs).overrideConfiguration(s.creation.retries())).imageId());
        s.creation.tagAfterCreation(s.clients.forRegion(region), List.of(copyId), KilnTags.temporary(s.context));
        return copyId;
    }
}
