package dev.kiln.aws.internal;

import dev.kiln.aws.BlockDevice;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;

/** Turns Kiln's block devices into EC2 block device mappings. */
final class Mappings {
    private Mappings() {
    }

    static List<BlockDeviceMapping> of(List<BlockDevice> devices) {
        return devices.stream().map(Mappings::of).toList();
    }

    static BlockDeviceMapping of(BlockDevice d) {
        BlockDeviceMapping.Builder m = BlockDeviceMapping.builder().deviceName(d.deviceName());
        if (d.noDevice()) {
            return m.noDevice("").build();
        }
        if (d.virtualName() != null) {
            return m.virtualName(d.virtualName()).build();
        }
        return m.ebs(EbsBlockDevice.builder().volumeSize(d.volumeSize()).volumeType(d.volumeType()).iops(d.iops())
                .throughput(d.throughput()).deleteOnTermination(d.deleteOnTermination()).encrypted(d.encrypted())
                .kmsKeyId(d.kmsKeyId()).snapshotId(d.snapshotId()).build()).build();
    }
}
