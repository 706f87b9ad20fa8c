package dev.kiln.aws.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;

/** Grants launch permissions (users, groups) on each region's AMI and volume permissions on its snapshots. */
final class SetImageAttributes implements Step {
    @Override
    public String name() {
        return "image attributes";
    }

    @Override
    public void run(EbsState s) {
        List<String> users = s.config.amiUsers();
        List<String> groups = s.config.amiGroups();
        if (users.isEmpty() && groups.isEmpty()) {
            return;
        }
        List<LaunchPermission> permissions = new ArrayList<>();
        users.forEach(u -> permissions.add(LaunchPermission.builder().userId(u).build()));
        groups.forEach(g -> permissions.add(LaunchPermission.builder().group(g).build()));
        for (Map.Entry<String, String> ami : List.copyOf(s.amis.entrySet())) {
            var ec2 = s.clients.forRegion(ami.getKey());
            s.context.say("Modifying attributes on AMI (" + ami.getValue() + ")...");
            ec2.modifyImageAttribute(r -> r.imageId(ami.getValue()).launchPermission(p -> p.add(permissions)));
            if (!users.isEmpty()) {
                for (String snapshot : s.snapshots.getOrDefault(ami.getKey(), List.of())) {
                    s.context.detail("Modifying attributes on snapshot (" + snapshot + ")...");
                    ec2.modifySnapshotAttribute(r -> r.snapshotId(snapshot).createVolumePermission(p -> p.add(
                            users.stream().map(u -> CreateVolumePermission.builder().userId(u).build()).toList())));
                }
            }
        }
    }
}
