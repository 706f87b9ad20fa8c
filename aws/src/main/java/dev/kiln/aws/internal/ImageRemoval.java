package dev.kiln.aws.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/**
 * Deregisters a build's unfinished AMIs, even pending ones, and deletes their snapshots. It removes the AMIs
 * whose ids are known and every AMI and snapshot tagged temporary by the same session and source, so an AMI
 * whose CreateImage or CopyImage answer was lost goes too.
 */
final class ImageRemoval {
    private ImageRemoval() {
    }

    /** Removes the images and returns the ids of the snapshots deleted. */
    static Set<String> remove(Ec2Client ec2, List<String> imageIds, String sessionId, String sourceName) {
        List<Filter> tagged = List.of(
                Filter.builder().name("tag:" + KilnTags.TEMPORARY).values("true").build(),
                Filter.builder().name("tag:" + KilnTags.SESSION).values(sessionId).build(),
                Filter.builder().name("tag:" + KilnTags.SOURCE).values(sourceName).build());
        Set<String> images = new LinkedHashSet<>(imageIds);
        ec2.describeImages(r -> r.owners("self").filters(tagged)).images().forEach(i -> images.add(i.imageId()));
        Set<String> snapshots = new LinkedHashSet<>();
        for (String id : images) {
            try {
                for (Image image : ec2.describeImages(r -> r.imageIds(id)).images()) {
                    for (BlockDeviceMapping m : image.blockDeviceMappings()) {
                        if (m.ebs() != null && m.ebs().snapshotId() != null) {
                            snapshots.add(m.ebs().snapshotId());
                        }
                    }
                }
                ec2.deregisterImage(r -> r.imageId(id));
            } catch (RuntimeException e) {
                if (!AwsErrors.is(e, "InvalidAMIID.NotFound", "InvalidAMIID.Unavailable")) {
                    throw e;
                }
            }
        }
        for (Snapshot snapshot : ec2.describeSnapshots(r -> r.ownerIds("self").filters(tagged)).snapshots()) {
            snapshots.add(snapshot.snapshotId());
        }
        for (String id : snapshots) {
            try {
                ec2.deleteSnapshot(r -> r.snapshotId(id));
            } catch (RuntimeException e) {
                if (!AwsErrors.is(e, "InvalidSnapshot.NotFound")) {
                    throw e;
                }
            }
        }
        return snapshots;
    }
}
