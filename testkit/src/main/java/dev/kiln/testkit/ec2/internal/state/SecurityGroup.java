package dev.kiln.testkit.ec2.internal.state;

import java.util.ArrayList;
import java.util.List;

/** A security group; {@code isDefault} marks the VPC's own group, which is never a leak. */
public final class SecurityGroup extends Ec2Resource {
    public final String name;
    public final String description;
    public final String vpcId;
    public final String ownerId;
    public final boolean isDefault;
    public final List<IpPermission> ingress = new ArrayList<>();
    public final List<IpPermission> egress = new ArrayList<>();

    public SecurityGroup(String id, String name, String description, String vpcId, String ownerId, boolean isDefault) {
        super(id);
        this.name = name;
        this.description = description;
        this.vpcId = vpcId;
        this.ownerId = ownerId;
        this.isDefault = isDefault;
        egress.add(new IpPermission("-1", 0, 0, List.of("0.0.0.0/0"), List.of()));
    }

    /** True when a rule lets tcp from the loopback client reach {@code port}. */
    public boolean allowsTcp(int port) {
        return ingress.stream().anyMatch(rule -> rule.admitsTcp(port, "127.0.0.1"));
    }

    @Override
    public String resourceType() {
        return "security-group";
    }

    @Override
    protected List<String> attribute(String filterName) {
        return switch (filterName) {
            case "group-id" -> List.of(id);
            case "group-name" -> List.of(name);
            case "description" -> List.of(description);
            case "vpc-id" -> List.of(vpcId);
            case "owner-id" -> List.of(ownerId);
            case "ip-permission.protocol" -> ingress.stream().map(IpPermission::protocol).toList();
            case "ip-permission.cidr" -> ingress.stream().flatMap(p -> p.cidrs().stream()).toList();
            default -> null;
        };
    }
}
