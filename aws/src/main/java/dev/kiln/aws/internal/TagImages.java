package dev.kiln.aws.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Tags each region's AMI and its snapshots with the user's AMI tags, the build's session and source, and with
 * skip-if-exists the fingerprint, then the snapshots with the snapshot tags, which win over AMI tags of the same
 * key (as Packer does); then removes {@code kiln:temporary}, so the janitor leaves them alone.
 */
final class TagImages implements Step {
    private static final int TAG_ATTEMPTS = 11;

    @Override
    public String name() {
        return "tag image";
    }

    @Override
    public void run(EbsState s) throws Exception {
        Map<String, String> amiTags = s.config.amiTags(s.buildData());
        Map<String, String> snapshotTags = s.config.snapshotTags(s.buildData());
        for (Map.Entry<String, String> ami : List.copyOf(s.amis.entrySet())) {
            Ec2Client ec2 = s.clients.forRegion(ami.getKey());
            String imageId = ami.getValue();
            List<String> snapshots = s.snapshots.getOrDefault(ami.getKey(), List.of());
            s.context.say("Adding tags to AMI (" + imageId + ")...");
            List<Tag> imageTags = new ArrayList<>();
            amiTags.forEach((k, v) -> imageTags.add(KilnTags.tag(k, v)));
            imageTags.add(KilnTags.tag(KilnTags.SESSION, s.context.sessionId()));
            imageTags.add(KilnTags.tag(KilnTags.SOURCE, s.context.sourceName()));
            if (s.config.skipIfExists()) {
                imageTags.add(KilnTags.tag(KilnTags.FINGERPRINT, s.context.fingerprint()));
            }
            snapshots.forEach(id -> s.context.detail("Tagging snapshot: " + id));
            List<String> tagged = new ArrayList<>(snapshots);
            tagged.add(0, imageId);
            Retry retry = Retry.on(TAG_ATTEMPTS, "InvalidAMIID.NotFound", "InvalidSnapshot.NotFound");
            retry.run(s.context, () -> ec2.createTags(r -> r.resources(tagged).tags(imageTags)));
            if (!snapshotTags.isEmpty() && !snapshots.isEmpty()) {
                List<Tag> tags = new ArrayList<>();
                snapshotTags.forEach((k, v) -> tags.add(KilnTags.tag(k, v)));
                retry.run(s.context, () -> ec2.createTags(r -> r.resources(snapshots).tags(tags)));
            }
            retry.run(s.context, () -> ec2.deleteTags(r -> r.resources(tagged)
                    .tags(Tag.builder().key(KilnTags.TEMPORARY).build())));
        }
    }
}
