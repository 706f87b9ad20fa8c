package dev.kiln.aws.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/**
 * Deregisters an AMI, even a pending one, and deletes its snapshots: those its block device mappings name
 * and those tagged temporary by the same build (a pending AMI may not list its snapshots yet).
 */
final class ImageRemoval {
    private ImageRemoval() {
    }

    /** Removes the image and returns the ids of the snapshots deleted. */
    static Set<String> remove(Ec2Client ec2, String imageId, String sessionId, String sourceName) {
        Set<String> snapshots = new LinkedHashSet<>();
        try {
            for (Image image : ec2.describeImages(r -> r.imageIds(imageId)).images()) {
                for (BlockDeviceMapping m : image.blockDeviceMappings()) {
                    if (m.ebs() != null && m.ebs().snapshotId() != null) {
                        snapshots.add(m.ebs().snapshotId());
                    }
                }
            }
            ec2.deregisterImage(r -> r.imageId(imageId));
        } catch (RuntimeException e) {
            if (!AwsErrors.is(e, "InvalidAMIID.NotFound", "InvalidAMIID.Unavailable")) {
                throw e;
            }
        }
        for (Snapshot snapshot : ec2.describeSnapshots(r -> r.ownerIds("self").filters(
                Filter.builder().name("tag:" + KilnTags.TEMPORARY).values("true").build(),
                Filter.builder().name("tag:" + KilnTags.SESSION).values(sessionId).build(),
                Filter.builder().name("tag:" + KilnTags.SOURCE).values(sourceName).build())).snapshots()) {
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
