package dev.kiln.aws.internal;

import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/** With forceDeregister: deregisters the account's AMIs of the same name (and their snapshots if asked). */
final class ForceDeregister implements Step {
    @Override
    public String name() {
        return "force deregister";
    }

    @Override
    public void run(EbsState s) {
        if (!s.config.forceDeregister()) {
            return;
        }
        for (Image old : s.ec2().describeImages(r -> r.owners("self")
                .filters(Filter.builder().name("name").values(s.config.amiName()).build())).images()) {
            s.ec2().deregisterImage(r -> r.imageId(old.imageId()));
            s.context.say("Deregistered AMI id: " + old.imageId());
            if (s.config.forceDeleteSnapshot()) {
                for (BlockDeviceMapping m : old.blockDeviceMappings()) {
                    if (m.ebs() != null && m.ebs().snapshotId() != null) {
                        s.ec2().deleteSnapshot(r -> r.snapshotId(m.ebs().snapshotId()));
                        s.context.say("Deleted snapshot: " + m.ebs().snapshotId());
                    }
                }
            }
        }
    }
}
