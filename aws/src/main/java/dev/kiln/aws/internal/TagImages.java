package dev.kiln.aws.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Tags each region's AMI and snapshots with the user's tags, the build's session and source, and with
 * skip-if-exists the fingerprint; then removes {@code kiln:temporary}, so the janitor leaves them alone.
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
            Retry retry = Retry.on(TAG_ATTEMPTS, "InvalidAMIID.NotFound", "InvalidSnapshot.NotFound");
            retry.run(s.context, () -> ec2.createTags(r -> r.resources(imageId).tags(imageTags)));
            if (!snapshotTags.isEmpty() && !snapshots.isEmpty()) {
                snapshots.forEach(id -> s.context.detail("Tagging snapshot: " + id));
                List<Tag> tags = new ArrayList<>();
                snapshotTags.forEach((k, v) -> tags.add(KilnTags.tag(k, v)));
                retry.run(s.context, () -> ec2.createTags(r -> r.resources(snapshots).tags(tags)));
            }
            List<String> finished = new ArrayList<>(snapshots);
            finished.add(imageId);
            retry.run(s.context, () -> ec2.deleteTags(r -> r.resources(finished)
                    .tags(Tag.builder().key(KilnTags.TEMPORARY).build())));
        }
    }
}
