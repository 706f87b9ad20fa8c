package dev.kiln.testkit.ec2.internal.state;

import java.util.List;

/**
 * A region's default VPC or subnet. Their ranges are loopback ranges because every instance's address is a
 * loopback address.
 */
public final class Network extends Ec2Resource {
    public final String vpcId;
    public final String cidr;
    public final String availabilityZone;

    public Network(String id, String vpcId, String cidr, String availabilityZone) {
        super(id);
        this.vpcId = vpcId;
        this.cidr = cidr;
        this.availabilityZone = availabilityZone;
    }

    public boolean isVpc() {
        return id.equals(vpcId);
    }

    @Override
    public String resourceType() {
        return isVpc() ? "vpc" : "subnet";
    }

    @Override
    protected List<String> attribute(String filterName) {
        return switch (filterName) {
            case "vpc-id" -> List.of(vpcId);
            case "subnet-id" -> isVpc() ? null : List.of(id);
            case "cidr", "cidr-block", "cidrBlock" -> List.of(cidr);
            case "state" -> List.of("available");
            case "isDefault", "is-default", "default-for-az", "defaultForAz" -> List.of("true");
            case "availability-zone", "availabilityZone" -> isVpc() ? null : List.of(availabilityZone);
            default -> null;
        };
    }
}
