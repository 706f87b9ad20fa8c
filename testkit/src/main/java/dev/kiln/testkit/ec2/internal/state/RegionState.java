package dev.kiln.testkit.ec2.internal.state;

import dev.kiln.testkit.ec2.internal.Ec2Error;
import dev.kiln.testkit.ec2.internal.Ids;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything in one region. This object is the region's lock: callers hold it ({@code synchronized (region)}) while
 * they read or change what it holds; regions don't share a lock.
 */
public final class RegionState {
    public final String name;
    public final String accountId;
    public final Network defaultVpc;
    public final Network defaultSubnet;
    public final Map<String, Instance> instances = new LinkedHashMap<>();
    public final Map<String, Image> images = new LinkedHashMap<>();
    public final Map<String, KeyPair> keyPairs = new LinkedHashMap<>();
    public final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    public final Map<String, Volume> volumes = new LinkedHashMap<>();
    public final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    /** RunInstances idempotency: each client token's reservation id. */
    public final ClientTokens runTokens = new ClientTokens(64);
    /** CopyImage idempotency: each client token's image id. */
    public final ClientTokens copyTokens = new ClientTokens(128);

    public RegionState(String name, String accountId) {
        this.name = name;
        this.accountId = accountId;
        String vpcId = Ids.next("vpc");
        this.defaultVpc = new Network(vpcId, vpcId, "127.0.0.0/8", null);
        this.defaultSubnet = new Network(Ids.next("subnet"), vpcId, "127.0.0.0/8", name + "a");
        SecurityGroup group = new SecurityGroup(Ids.next("sg"), "default", "default VPC security group", vpcId, accountId, true);
        securityGroups.put(group.id, group);
    }

    public String defaultZone() {
        return defaultSubnet.availabilityZone;
    }

    public Instance instance(String id) {
        return find(instances, id).orElseThrow(() -> Ec2Error.notFound("InvalidInstanceID.NotFound", "instance ID", id));
    }

    public Image image(String id) {
        return find(images, id).orElseThrow(() -> imageNotFound(id));
    }

    public static Ec2Error imageNotFound(String id) {
        return new Ec2Error("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
    }

    public SecurityGroup group(String id) {
        return find(securityGroups, id).orElseThrow(() -> Ec2Error.notFound("InvalidGroup.NotFound", "security group", id));
    }

    public SecurityGroup groupByName(String groupName) {
        return securityGroups.values().stream().filter(g -> g.name.equals(groupName)).findFirst()
                .orElseThrow(() -> Ec2Error.notFound("InvalidGroup.NotFound", "security group", groupName));
    }

    public Optional<KeyPair> keyPairNamed(String keyName) {
        return keyPairs.values().stream().filter(k -> k.name.equals(keyName)).findFirst();
    }

    public Volume volume(String id) {
        return find(volumes, id).orElseThrow(() -> Ec2Error.notFound("InvalidVolume.NotFound", "volume", id));
    }

    public Snapshot snapshot(String id) {
        return find(snapshots, id).orElseThrow(() -> Ec2Error.notFound("InvalidSnapshot.NotFound", "snapshot", id));
    }

    /** Any taggable resource by id, for CreateTags / DeleteTags. */
    public Ec2Resource resource(String id) {
        String prefix = id.contains("-") ? id.substring(0, id.indexOf('-')) : id;
        return switch (prefix) {
            case "i" -> instance(id);
            case "ami" -> image(id);
            case "sg" -> group(id);
            case "key" -> find(keyPairs, id).orElseThrow(() -> Ec2Error.notFound("InvalidKeyPair.NotFound", "key pair", id));
            case "vol" -> volume(id);
            case "snap" -> snapshot(id);
            case "vpc", "subnet" -> networkResource(id);
            default -> throw new Ec2Error("InvalidID", "The ID '" + id + "' is not valid");
        };
    }

    private Ec2Resource networkResource(String id) {
        if (defaultVpc.id.equals(id)) {
            return defaultVpc;
        }
        if (defaultSubnet.id.equals(id)) {
            return defaultSubnet;
        }
        throw new Ec2Error("InvalidID", "The ID '" + id + "' is not valid");
    }

    private static <T> Optional<T> find(Map<String, T> map, String id) {
        return Optional.ofNullable(map.get(id));
    }
}
