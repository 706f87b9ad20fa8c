package dev.kiln.aws;

/**
 * Which address of the source instance Kiln connects to over SSH, as Packer's {@code ssh_interface}.
 *
 * <pre>{@code
 * AmazonEbs.builder().sshInterface(SshInterface.PRIVATE_IP)...
 * }</pre>
 */
public enum SshInterface {
    /** The instance's public IPv4 address. */
    PUBLIC_IP,
    /** The instance's private IPv4 address, for builds run inside the VPC. */
    PRIVATE_IP,
    /** The instance's public DNS name. */
    PUBLIC_DNS,
    /** The instance's private DNS name. */
    PRIVATE_DNS
}
