package dev.kiln.aws.internal;

import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Finds this build's AMI in a region by its name when the answer to CreateImage or CopyImage was lost. An AMI
 * with the build's name is this build's when EC2 says it was made from the build's instance (CreateImage) or
 * copied from the build's AMI (CopyImage), or when it carries the build's {@code kiln:session} and
 * {@code kiln:source} tags; an AMI of that name that is none of these belongs to someone else and is left alone.
 */
final class OwnImages {
    private OwnImages() {
    }

    /** The ids of this build's AMIs named {@code amiName} in {@code region}. */
    static List<String> named(EbsState s, Ec2Client ec2, String region) {
        return ec2.describeImages(r -> r.owners("self").filters(Filter.builder().name("name").values(s.config.amiName()).build()))
                .images().stream().filter(i -> isOurs(s, region, i)).map(Image::imageId).toList();
    }

    private static boolean isOurs(EbsState s, String region, Image image) {
        boolean madeHere = region.equals(s.region());
        if (madeHere && image.sourceInstanceId() != null) {
            return image.sourceInstanceId().equals(s.instanceId);
        }
        String sourceAmi = s.amis.get(s.region());
        if (!madeHere && image.sourceImageId() != null) {
            return image.sourceImageId().equals(sourceAmi) && s.region().equals(image.sourceImageRegion());
        }
        return image.tags().stream().anyMatch(t -> KilnTags.SESSION.equals(t.key()) && s.context.sessionId().equals(t.value()))
                && image.tags().stream().anyMatch(t -> KilnTags.SOURCE.equals(t.key()) && Objects.equals(s.context.sourceName(), t.value()));
    }
}
