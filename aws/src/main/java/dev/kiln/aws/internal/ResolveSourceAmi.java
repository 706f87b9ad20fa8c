package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbsException;
import dev.kiln.aws.SourceAmiFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DeviceType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/** Finds the source AMI by id or by filter; with mostRecent the newest match wins. */
final class ResolveSourceAmi implements Step {
    @Override
    public String name() {
        return "resolve source AMI";
    }

    @Override
    public void run(EbsState s) {
        DescribeImagesRequest request;
        if (s.config.sourceAmi() != null) {
            request = DescribeImagesRequest.builder().imageIds(s.config.sourceAmi()).build();
        } else {
            SourceAmiFilter f = s.config.sourceAmiFilter();
            List<Filter> filters = new ArrayList<>();
            if (f.name() != null) {
                filters.add(Filter.builder().name("name").values(f.name()).build());
            }
            f.filters().forEach((name, values) -> filters.add(Filter.builder().name(name).values(values).build()));
            request = DescribeImagesRequest.builder().owners(f.owners()).filters(filters).build();
        }
        List<Image> images = s.ec2().describeImages(request).images();
        if (images.isEmpty()) {
            throw new AmazonEbsException(name(), List.of(), null, null, "no AMI matches "
                    + (s.config.sourceAmi() != null ? s.config.sourceAmi() : s.config.sourceAmiFilter())
                    + " in " + s.region() + "; check the id or filter and the region", null);
        }
        Image image;
        if (images.size() == 1) {
            image = images.get(0);
        } else if (s.config.sourceAmiFilter() != null && s.config.sourceAmiFilter().mostRecent()) {
            image = images.stream().max(Comparator.comparing(i -> String.valueOf(i.creationDate()))).orElseThrow();
        } else {
            throw new AmazonEbsException(name(), List.of(), null, null, images.size()
                    + " AMIs match the source filter; make it more specific or set mostRecent(true)", null);
        }
        if (image.rootDeviceType() != null && image.rootDeviceType() != DeviceType.EBS) {
            throw new AmazonEbsException(name(), List.of("image " + image.imageId()), null, null,
                    "the source AMI's root device is " + image.rootDeviceTypeAsString()
                            + "; amazon-ebs needs an EBS-backed source AMI", null);
        }
        s.sourceImage = image;
        s.context.say("Found Image ID: " + image.imageId());
    }
}
