package dev.kiln.testkit.ec2.internal.state;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An EBS snapshot, made for every image this LocalEc2 creates or copies. */
public final class Snapshot extends Ec2Resource {
    public String volumeId;
    public String state = "pending";
    public final Instant startTime = Instant.now();
    public String ownerId;
    public int volumeSize;
    public String description;
    /** Accounts allowed to create volumes from it; {@code all} when public. */
    public final Set<String> createVolumePermissions = new LinkedHashSet<>();

    public Snapshot(String id) {
        super(id);
    }

    @Override
    public String resourceType() {
        return "snapshot";
    }

    @Override
    protected List<String> attribute(String filterName) {
        return switch (filterName) {
            case "snapshot-id" -> List.of(id);
            case "volume-id" -> volumeId == null ? List.of() : List.of(volumeId);
            case "status" -> List.of(state);
            case "owner-id" -> List.of(ownerId);
            case "description" -> description == null ? List.of() : List.of(description);
            case "volume-size" -> List.of(String.valueOf(volumeSize));
            default -> null;
        };
    }
}
