package dev.kiln.aws.internal;

import dev.kiln.core.builder.Cleanup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Copies the AMI to every extra region in parallel and waits for each copy. Each region's undo is
 * registered before its copy starts and gets the copy's id the moment EC2 returns it, so a failure or cancel
 * removes partial copies too. A cancel interrupts every copy's wait.
 */
final class CopyImage implements Step {
    private static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(30);

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
        Map<String, Cleanup> undos = new LinkedHashMap<>();
        for (String region : regions) {
            undos.put(region, s.context.onFailure("Deregistering the copy in " + region + " and deleting its snapshots",
                    () -> CreateImage.remove(s, region)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(regions.size(), r -> {
            Thread t = new Thread(r, "kiln-copy-image");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> copies = new ArrayList<>();
            for (String region : regions) {
                s.context.say("Copying to: " + region);
                copies.add(pool.submit(() -> copy(s, sourceImage, region, undos.get(region))));
            }
            s.context.say("Waiting for all copies to complete...");
            for (Future<?> copy : copies) {
                await(copy);
            }
        } finally {
            pool.shutdownNow();
            // let a CopyImage call in flight return its id to the undo before the undos run
            pool.awaitTermination(IN_FLIGHT_GRACE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static Void copy(EbsState s, String sourceImage, String region, Cleanup undo) throws Exception {
        String kmsKey = s.config.regionKmsKeyIds().get(region);
        String copyId = s.clients.forRegion(region).copyImage(r -> r.sourceRegion(s.region()).sourceImageId(sourceImage)
                .name(s.config.amiName()).description(s.config.amiDescription())
                .encrypted(s.config.encryptBoot()).kmsKeyId(kmsKey)
                .tagSpecifications(KilnTags.spec(ResourceType.IMAGE, KilnTags.temporary(s.context)),
                        KilnTags.spec(ResourceType.SNAPSHOT, KilnTags.temporary(s.context)))).imageId();
        s.amis.put(region, copyId);
        s.track(undo, "image", copyId, region);
        s.context.detail("Copy of " + sourceImage + " in " + region + ": " + copyId);
        Image image = ImageWait.untilAvailable(s.clients.forRegion(region), copyId, s.config.waits().imageAvailable());
        List<String> snapshots = CreateImage.snapshotIds(image);
        s.snapshots.put(region, snapshots);
        snapshots.forEach(id -> s.track(undo, "snapshot", id, region));
        return null;
    }

    private static void await(Future<?> copy) throws Exception {
        try {
            copy.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
