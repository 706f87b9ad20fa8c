package dev.kiln.testkit.ec2;

/**
 * One block device of an image, as DescribeImages shows it: the device and the EBS snapshot a launch makes its
 * volume from.
 *
 * <pre>{@code
 * BlockDeviceMapping root = localEc2.image("us-east-1", amiId).blockDevices().get(0);
 * assertThat(root.deviceName()).isEqualTo("/dev/xvda");
 * }</pre>
 *
 * @param deviceName the device, e.g. {@code /dev/xvda}
 * @param snapshotId the EBS snapshot, e.g. {@code snap-0123456789abcdef0}
 * @param volumeSize the volume's size in GiB
 * @param volumeType the EBS volume type, e.g. {@code gp2}
 * @param deleteOnTermination true when the volume is deleted with the instance
 */
public record BlockDeviceMapping(String deviceName, String snapshotId, int volumeSize, String volumeType,
                                 boolean deleteOnTermination) {
}
