package dev.kiln.aws.internal;

import dev.kiln.aws.AmiArtifact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Skip-if-exists: finds the account's {@code available} AMI tagged with this build's fingerprint in the build
 * region and every copy region. All regions must have one, or the build goes ahead.
 */
final class ExistingImage implements Step {
    private AmiArtifact found;

    @Override
    public String name() {
        return "look up fingerprint";
    }

    @Override
    public void run(EbsState s) {
        List<String> regions = new ArrayList<>();
        regions.add(s.region());
        regions.addAll(s.config.amiRegions());
        AmiArtifact.Builder artifact = AmiArtifact.builder();
        for (String region : regions) {
            Optional<Image> image = s.clients.forRegion(region).describeImages(r -> r.owners("self").filters(
                    Filter.builder().name("tag:" + KilnTags.FINGERPRINT).values(s.context.fingerprint()).build(),
                    Filter.builder().name("state").values("available").build())).images().stream()
                    .max(Comparator.comparing(i -> String.valueOf(i.creationDate())));
            if (image.isEmpty()) {
                s.context.detail("No available AMI with fingerprint " + s.context.fingerprint() + " in " + region);
                return;
            }
            artifact.putAmi(region, image.get().imageId(), CreateImage.snapshotIds(image.get()));
        }
        found = artifact.build();
        s.context.say("Found AMIs with the same fingerprint, skipping the build: " + found.id());
    }

    Optional<AmiArtifact> found() {
        return Optional.ofNullable(found);
    }
}
