package dev.kiln.testkit.ec2.internal.state;

import dev.kiln.testkit.ec2.BlockDeviceMapping;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An AMI: its metadata and, for images made here, the directory holding its captured files. */
public final class Image extends Ec2Resource {
    public String name;
    public String description;
    public String ownerId;
    public String ownerAlias;
    public String state = "pending";
    public String stateReasonCode;
    public String stateReasonMessage;
    public Instant creationDate = Instant.now();
    public boolean isPublic;
    public final Set<String> launchUsers = new LinkedHashSet<>();
    public String architecture = "x86_64";
    public String rootDeviceName = "/dev/xvda";
    public int volumeSize = 8;
    public String snapshotId;
    /** The instance CreateImage made it from; null for copies and base images. */
    public String sourceInstanceId;
    /** The AMI and region CopyImage copied it from; null for other images. */
    public String sourceImageId;
    public String sourceImageRegion;
    public String defaultUser;
    /** {@code windows} for a Windows image, else null: EC2's {@code platform}, which only Windows images have. */
    public String platform;
    /** The captured root filesystem, or null for a base image that boots the fresh layout. */
    public Path root;
    /** True for images LocalEc2 was given at start (base images), which are never leaks. */
    public boolean seeded;

    public Image(String id) {
        super(id);
    }

    /** Its block devices as DescribeImages shows them: the root volume, from its snapshot. */
    public List<BlockDeviceMapping> blockDevices() {
        return List.of(new BlockDeviceMapping(rootDeviceName, snapshotId, volumeSize, "gp2", true));
    }

    @Override
    public String resourceType() {
        return "image";
    }

    @Override
    protected List<String> attribute(String filterName) {
        return switch (filterName) {
            case "image-id" -> List.of(id);
            case "name" -> name == null ? List.of() : List.of(name);
            case "description" -> description == null ? List.of() : List.of(description);
            case "state" -> List.of(state);
            case "owner-id" -> List.of(ownerId);
            case "owner-alias" -> ownerAlias == null ? List.of() : List.of(ownerAlias);
            case "is-public" -> List.of(String.valueOf(isPublic));
            case "architecture" -> List.of(architecture);
            case "platform" -> platform == null ? List.of() : List.of(platform);
            case "root-device-type" -> List.of("ebs");
            case "root-device-name" -> List.of(rootDeviceName);
            case "virtualization-type" -> List.of("hvm");
            case "image-type" -> List.of("machine");
            case "hypervisor" -> List.of("xen");
            case "source-instance-id" -> sourceInstanceId == null ? List.of() : List.of(sourceInstanceId);
            case "source-image-id" -> sourceImageId == null ? List.of() : List.of(sourceImageId);
            case "source-image-region" -> sourceImageRegion == null ? List.of() : List.of(sourceImageRegion);
            case "block-device-mapping.snapshot-id" -> snapshotId == null ? List.of() : List.of(snapshotId);
            default -> null;
        };
    }
}
