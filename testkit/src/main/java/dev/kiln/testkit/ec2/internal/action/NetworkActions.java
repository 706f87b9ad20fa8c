package dev.kiln.testkit.ec2.internal.action;

import dev.kiln.testkit.ec2.internal.ActionContext;
import dev.kiln.testkit.ec2.internal.ActionDispatcher;
import dev.kiln.testkit.ec2.internal.Ec2Error;
import dev.kiln.testkit.ec2.internal.Filter;
import dev.kiln.testkit.ec2.internal.state.Network;
import java.util.List;

/** DescribeRegions, DescribeAvailabilityZones, DescribeVpcs, DescribeSubnets: one default VPC and subnet per region. */
public final class NetworkActions {
    private static final List<String> ZONE_LETTERS = List.of("a", "b", "c");

    private NetworkActions() {
    }

    public static void register(ActionDispatcher dispatcher) {
        dispatcher.register("DescribeRegions", NetworkActions::describeRegions)
                .register("DescribeAvailabilityZones", NetworkActions::describeAvailabilityZones)
                .register("DescribeVpcs", NetworkActions::describeVpcs)
                .register("DescribeSubnets", NetworkActions::describeSubnets);
    }

    static void describeRegions(ActionContext ctx) {
        List<String> names = ctx.params.list("RegionName");
        for (String name : names) {
            if (!ctx.cloud.regionNames().contains(name)) {
                throw new Ec2Error("InvalidParameterValue", "Invalid region: " + name);
            }
        }
        List<Filter> filters = Filter.from(ctx.params);
        List<String> regions = ctx.cloud.regionNames().stream()
                .filter(r -> names.isEmpty() || names.contains(r))
                .filter(r -> filters.stream().allMatch(f -> switch (f.name()) {
                    case "region-name" -> f.matches(List.of(r));
                    case "endpoint" -> f.matches(List.of(ctx.cloud.endpointHost()));
                    case "opt-in-status" -> f.matches(List.of("opt-in-not-required"));
                    default -> throw Ec2Error.invalidValue("The filter '" + f.name() + "' is invalid");
                }))
                .toList();
        ctx.out.items("regionInfo", regions, (w, r) -> w.value("regionName", r)
                .value("regionEndpoint", ctx.cloud.endpointHost()).value("optInStatus", "opt-in-not-required"));
    }

    static void describeAvailabilityZones(ActionContext ctx) {
        String region = ctx.region.name;
        List<String> names = ctx.params.list("ZoneName");
        List<Filter> filters = Filter.from(ctx.params);
        List<String> zones = ZONE_LETTERS.stream().map(l -> region + l)
                .filter(z -> names.isEmpty() || names.contains(z))
                .filter(z -> filters.stream().allMatch(f -> switch (f.name()) {
                    case "zone-name" -> f.matches(List.of(z));
                    case "region-name" -> f.matches(List.of(region));
                    case "state" -> f.matches(List.of("available"));
                    default -> throw Ec2Error.invalidValue("The filter '" + f.name() + "' is invalid");
                }))
                .toList();
        ctx.out.items("availabilityZoneInfo", zones, (w, z) -> w.value("zoneName", z).value("zoneState", "available")
                .value("regionName", region).value("zoneId", region + "-az" + (ZONE_LETTERS.indexOf(z.substring(z.length() - 1)) + 1))
                .value("zoneType", "availability-zone").value("optInStatus", "opt-in-not-required")
                .value("groupName", region).value("networkBorderGroup", region)
                .items("messageSet", List.of(), (m, none) -> { }));
    }

    /** The region's one network of a kind, if the request's ids and filters select it; an unknown id is NotFound. */
    private static List<Network> select(ActionContext ctx, Network network, String idParam, String notFound, String kind) {
        ctx.params.list(idParam).stream().filter(id -> !id.equals(network.id)).findFirst().ifPresent(id -> {
            throw Ec2Error.notFound(notFound, kind, id);
        });
        return network.matches(Filter.from(ctx.params)) ? List.of(network) : List.of();
    }

    static void describeVpcs(ActionContext ctx) {
        List<Network> found = select(ctx, ctx.region.defaultVpc, "VpcId", "InvalidVpcID.NotFound", "vpc ID");
        ctx.out.items("vpcSet", found, (w, v) -> w.value("vpcId", v.id).value("ownerId", ctx.accountId())
                .value("state", "available").value("cidrBlock", v.cidr).value("instanceTenancy", "default")
                .value("isDefault", true)
                .items("cidrBlockAssociationSet", List.of(v), (c, x) -> c.value("associationId", "vpc-cidr-assoc-" + x.id.substring(4))
                        .value("cidrBlock", x.cidr).start("cidrBlockState").value("state", "associated").end())
                .tags(v.tags));
    }

    static void describeSubnets(ActionContext ctx) {
        List<Network> found = select(ctx, ctx.region.defaultSubnet, "SubnetId", "InvalidSubnetID.NotFound", "subnet ID");
        ctx.out.items("subnetSet", found, (w, s) -> w.value("subnetId", s.id)
                .value("subnetArn", "arn:aws:ec2:" + ctx.region.name + ":" + ctx.accountId() + ":subnet/" + s.id)
                .value("state", "available").value("ownerId", ctx.accountId()).value("vpcId", s.vpcId)
                .value("cidrBlock", s.cidr).value("availableIpAddressCount", 64516)
                .value("availabilityZone", s.availabilityZone).value("availabilityZoneId", ctx.region.name + "-az1")
                .value("defaultForAz", true).value("mapPublicIpOnLaunch", true).tags(s.tags));
    }
}
