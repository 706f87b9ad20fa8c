package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Looks the source AMI up again at capture, which runs apart from launch, when tags or the description are
 * computed from the build data: the AMI the instance was launched from, so they see what launch saw.
 */
final class DescribeSourceImage implements Step {
    @Override
    public String name() {
        return "describe source AMI";
    }

    @Override
    public void run(EbsState s) {
        String imageId = s.ec2().describeInstances(r -> r.instanceIds(s.instanceId)).reservations().get(0)
                .instances().get(0).imageId();
        List<Image> images = s.ec2().describeImages(r -> r.imageIds(imageId)).images();
        if (images.isEmpty()) {
            throw new AmazonEbsException(name(), s.resources(), null, null, "the source AMI " + imageId
                    + " of instance " + s.instanceId + " is gone, and the tags or description computed from the build "
                    + "data need it; keep the source AMI until the build ends", null);
        }
        s.sourceImage = images.get(0);
    }
}
