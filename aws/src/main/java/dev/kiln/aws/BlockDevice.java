package dev.kiln.aws;

import java.util.Objects;

/**
 * One block device mapping of the source instance or of the AMI, as Packer's
 * {@code launch_block_device_mappings} and {@code ami_block_device_mappings}.
 *
 * <pre>{@code
 * BlockDevice.builder().deviceName("/dev/xvda").volumeSize(20).volumeType("gp3").deleteOnTermination(true).build()
 * }</pre>
 */
public final class BlockDevice {
    private final String deviceName;
    private final Integer volumeSize;
    private final String volumeType;
    private final Integer iops;
    private final Integer throughput;
    private final boolean deleteOnTermination;
    private final Boolean encrypted;
    private final String kmsKeyId;
    private final String snapshotId;
    private final String virtualName;
    private final boolean noDevice;

    private BlockDevice(Builder b) {
        deviceName = b.deviceName;
        volumeSize = b.volumeSize;
        volumeType = b.volumeType;
        iops = b.iops;
        throughput = b.throughput;
        deleteOnTermination = b.deleteOnTermination;
        encrypted = b.encrypted;
        kmsKeyId = b.kmsKeyId;
        snapshotId = b.snapshotId;
        virtualName = b.virtualName;
        noDevice = b.noDevice;
    }

    /** Starts a mapping; only the device name is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder().deviceName(deviceName).volumeSize(volumeSize).volumeType(volumeType).iops(iops)
                .throughput(throughput).deleteOnTermination(deleteOnTermination).encrypted(encrypted)
                .kmsKeyId(kmsKeyId).snapshotId(snapshotId).virtualName(virtualName).noDevice(noDevice);
    }

    /** The device name, e.g. {@code /dev/xvda}. */
    public String deviceName() {
        return deviceName;
    }

    /** The volume size in GiB, or null for the snapshot's size. */
    public Integer volumeSize() {
        return volumeSize;
    }

    /** The EBS volume type ({@code gp3}, {@code io2}...), or null for the default. */
    public String volumeType() {
        return volumeType;
    }

    /** Provisioned IOPS, or null. */
    public Integer iops() {
        return iops;
    }

    /** Provisioned throughput in MiB/s (gp3), or null. */
    public Integer throughput() {
        return throughput;
    }

    /** True to delete the volume when the instance terminates. */
    public boolean deleteOnTermination() {
        return deleteOnTermination;
    }

    /** Whether to encrypt the volume, or null for the account default. */
    public Boolean encrypted() {
        return encrypted;
    }

    /** The KMS key for an encrypted volume, or null for the default key. */
    public String kmsKeyId() {
        return kmsKeyId;
    }

    /** The snapshot to create the volume from, or null. */
    public String snapshotId() {
        return snapshotId;
    }

    /** An instance store name ({@code ephemeral0}), or null for EBS. */
    public String virtualName() {
        return virtualName;
    }

    /** True to suppress this device from the image's mapping. */
    public boolean noDevice() {
        return noDevice;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockDevice d && Objects.equals(deviceName, d.deviceName)
                && Objects.equals(volumeSize, d.volumeSize) && Objects.equals(volumeType, d.volumeType)
                && Objects.equals(iops, d.iops) && Objects.equals(throughput, d.throughput)
                && deleteOnTermination == d.deleteOnTermination && Objects.equals(encrypted, d.encrypted)
                && Objects.equals(kmsKeyId, d.kmsKeyId) && Objects.equals(snapshotId, d.snapshotId)
                && Objects.equals(virtualName, d.virtualName) && noDevice == d.noDevice;
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceName, volumeSize, volumeType, iops, throughput, deleteOnTermination, encrypted,
                kmsKeyId, snapshotId, virtualName, noDevice);
    }

    @Override
    public String toString() {
        return "BlockDevice{deviceName=" + deviceName + ", volumeSize=" + volumeSize + ", volumeType=" + volumeType
                + ", iops=" + iops + ", throughput=" + throughput + ", deleteOnTermination=" + deleteOnTermination
                + ", encrypted=" + encrypted + ", kmsKeyId=" + kmsKeyId + ", snapshotId=" + snapshotId
                + ", virtualName=" + virtualName + ", noDevice=" + noDevice + "}";
    }

    /** Collects a mapping. */
    public static final class Builder {
        private String deviceName;
        private Integer volumeSize;
        private String volumeType;
        private Integer iops;
        private Integer throughput;
        private boolean deleteOnTermination = true;
        private Boolean encrypted;
        private String kmsKeyId;
        private String snapshotId;
        private String virtualName;
        private boolean noDevice;

        private Builder() {
        }

        /** Sets the device name. */
        public Builder deviceName(String deviceName) {
            this.deviceName = deviceName;
            return this;
        }

        /** Sets the size in GiB. */
        public Builder volumeSize(Integer volumeSize) {
            this.volumeSize = volumeSize;
            return this;
        }

        /** Sets the volume type. */
        public Builder volumeType(String volumeType) {
            this.volumeType = volumeType;
            return this;
        }

        /** Sets provisioned IOPS. */
        public Builder iops(Integer iops) {
            this.iops = iops;
            return this;
        }

        /** Sets provisioned throughput. */
        public Builder throughput(Integer throughput) {
            this.throughput = throughput;
            return this;
        }

        /** Deletes the volume with the instance (the default) or keeps it. */
        public Builder deleteOnTermination(boolean deleteOnTermination) {
            this.deleteOnTermination = deleteOnTermination;
            return this;
        }

        /** Encrypts the volume or not. */
        public Builder encrypted(Boolean encrypted) {
            this.encrypted = encrypted;
            return this;
        }

        /** Sets the KMS key. */
        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        /** Sets the snapshot to start from. */
        public Builder snapshotId(String snapshotId) {
            this.snapshotId = snapshotId;
            return this;
        }

        /** Sets an instance store name. */
        public Builder virtualName(String virtualName) {
            this.virtualName = virtualName;
            return this;
        }

        /** Suppresses the device. */
        public Builder noDevice(boolean noDevice) {
            this.noDevice = noDevice;
            return this;
        }

        /** The mapping. */
        public BlockDevice build() {
            return new BlockDevice(this);
        }
    }
}
