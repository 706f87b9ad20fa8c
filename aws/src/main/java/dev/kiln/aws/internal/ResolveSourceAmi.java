package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbsException;
import dev.kiln.aws.AmiArtifact;
import dev.kiln.aws.SourceAmiFilter;
import dev.kiln.core.builder.Artifact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DeviceType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Finds the source AMI by id, by filter (with mostRecent the newest match wins), or as the AMI an upstream
 * image of the pipeline made in the build region; the call went out with the other {@link PreLaunchLookups}.
 */
final class ResolveSourceAmi implements Step {
    private static final String NAME = "resolve source AMI";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(EbsState s) throws InterruptedException {
        String sourceId = s.config.sourceAmiFromImage() != null ? upstreamAmi(s) : s.config.sourceAmi();
        if (s.config.sourceAmiFromImage() != null) {
            s.context.say("Using the AMI of image '" + s.config.sourceAmiFromImage() + "': " + sourceId);
        }
        List<Image> images = s.lookups.source();
        if (images.isEmpty()) {
            throw new AmazonEbsException(name(), List.of(), null, null, "no AMI matches "
                    + (sourceId != null ? sourceId : s.config.sourceAmiFilter())
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

    /** The DescribeImages request for the source AMI: by id (the upstream image's AMI, or sourceAmi) or by filter. */
    static DescribeImagesRequest request(EbsState s) {
        String sourceId = s.config.sourceAmiFromImage() != null ? upstreamAmi(s) : s.config.sourceAmi();
        if (sourceId != null) {
            return DescribeImagesRequest.builder().imageIds(sourceId).build();
        }
        SourceAmiFilter f = s.config.sourceAmiFilter();
        List<Filter> filters = new ArrayList<>();
        if (f.name() != null) {
            filters.add(Filter.builder().name("name").values(f.name()).build());
        }
        f.filters().forEach((name, values) -> filters.add(Filter.builder().name(name).values(values).build()));
        return DescribeImagesRequest.builder().owners(f.owners()).filters(filters).build();
    }

    /** The AMI id the upstream image named by sourceAmiFromImage made in the build region. */
    private static String upstreamAmi(EbsState s) {
        String imageName = s.config.sourceAmiFromImage();
        Artifact artifact = s.context.upstream(imageName).orElseThrow(() -> failure("image '" + imageName
                + "' has no artifact for this build; build it before this one in the same ImagePipeline"));
        if (!(artifact instanceof AmiArtifact ami)) {
            throw failure("image '" + imageName + "' made a " + artifact.builderType() + " artifact (" + artifact.id()
                    + "), not an AMI; start from an image built with amazon-ebs");
        }
        String id = ami.amis().get(s.region());
        if (id == null) {
            throw failure("image '" + imageName + "' has no AMI in " + s.region() + " (it has "
                    + (ami.amis().isEmpty() ? "none" : String.join(", ", ami.amis().keySet())) + "); add " + s.region()
                    + " to its amiRegions, or build this image in one of its regions");
        }
        return id;
    }

    private static AmazonEbsException failure(String message) {
        return new AmazonEbsException(NAME, List.of(), null, null, message, null);
    }
}
