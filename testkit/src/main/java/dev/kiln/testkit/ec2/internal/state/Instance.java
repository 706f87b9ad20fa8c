package dev.kiln.testkit.ec2.internal.state;

import dev.kiln.testkit.machine.LocalMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An instance and the local machine behind it. */
public final class Instance extends Ec2Resource {
    public String imageId;
    /** {@code windows} for an instance of a Windows image, else null (EC2's {@code platform}). */
    public String platform;
    public String instanceType;
    public String keyName;
    public List<String> authorizedKeys = List.of();
    public String sshUser;
    public List<String> groupIds = new ArrayList<>();
    public String vpcId;
    public String subnetId;
    public String availabilityZone;
    public String reservationId;
    /** The RunInstances client token, or null. */
    public String clientToken;
    public String address;
    public String userData;
    public boolean sourceDestCheck = true;
    public boolean ebsOptimized;
    public String rootDeviceName;
    public final List<Attachment> blockDevices = new ArrayList<>();
    public Instant launchTime;
    /** When TerminateInstances (or a failed boot) began shutting it down; null while it lives. */
    public Instant shutdownTime;
    public InstanceState state = InstanceState.PENDING;
    public String stateReasonCode;
    public String stateReasonMessage;
    public String stateTransitionReason = "";
    /** Bumped on every state change so a scheduled transition that is no longer current does nothing. */
    public int generation;
    public boolean reachable = true;
    public boolean failsToBoot;
    public boolean booting;
    /** How long its OS took, on its latest boot, from running until its sshd listened. */
    public volatile Duration osBootTime = Duration.ZERO;
    /** The console when there is no machine (none configured, failed to boot, or terminated: its last lines). */
    public List<String> consoleOutput = List.of();
    public LocalMachine machine;

    /** One block device: a volume attached at a device name. */
    public record Attachment(String deviceName, String volumeId, boolean deleteOnTermination, Instant attachTime) {
    }

    public Instance(String id) {
        super(id);
    }

    public void moveTo(InstanceState next) {
        state = next;
        generation++;
    }

    @Override
    public String resourceType() {
        return "instance";
    }

    @Override
    protected List<String> attribute(String filterName) {
        return switch (filterName) {
            case "instance-id" -> List.of(id);
            case "instance-state-name" -> List.of(state.apiName());
            case "instance-state-code" -> List.of(String.valueOf(state.code()));
            case "image-id" -> List.of(imageId);
            case "platform" -> platform == null ? List.of() : List.of(platform);
            case "instance-type" -> List.of(instanceType);
            case "key-name" -> keyName == null ? List.of() : List.of(keyName);
            case "vpc-id" -> List.of(vpcId);
            case "subnet-id" -> List.of(subnetId);
            case "availability-zone" -> List.of(availabilityZone);
            case "reservation-id" -> List.of(reservationId);
            case "client-token" -> clientToken == null ? List.of() : List.of(clientToken);
            case "instance.group-id", "group-id" -> List.copyOf(groupIds);
            case "ip-address", "private-ip-address" -> address == null ? List.of() : List.of(address);
            case "dns-name", "private-dns-name" -> address == null ? List.of() : List.of(address);
            default -> null;
        };
    }
}
