package dev.kiln.testkit.ec2.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An EBS volume; {@code instanceId} is set while it is attached. */
public final class Volume extends Ec2Resource {
    public int size;
    public String snapshotId;
    public String availabilityZone;
    public String volumeType = "gp2";
    public String state = "in-use";
    public final Instant createTime = Instant.now();
    public String instanceId;
    public String device;
    public boolean deleteOnTermination;
    public Instant attachTime;

    public Volume(String id) {
        super(id);
    }

    @Override
    public String resourceType() {
        return "volume";
    }

    @Override
    protected List<String> attribute(String filterName) {
        List<String> attached = new ArrayList<>();
        if (instanceId != null) {
            attached.add(instanceId);
        }
        return switch (filterName) {
            case "volume-id" -> List.of(id);
            case "status" -> List.of(state);
            case "size" -> List.of(String.valueOf(size));
            case "snapshot-id" -> snapshotId == null ? List.of() : List.of(snapshotId);
            case "availability-zone" -> List.of(availabilityZone);
            case "volume-type" -> List.of(volumeType);
            case "attachment.instance-id" -> attached;
            case "attachment.device" -> device == null ? List.of() : List.of(device);
            case "attachment.delete-on-termination" -> List.of(String.valueOf(deleteOnTermination));
            default -> null;
        };
    }
}
