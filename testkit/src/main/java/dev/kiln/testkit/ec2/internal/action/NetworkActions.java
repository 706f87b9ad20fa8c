package dev.kiln.testkit.ec2.internal.action;

import dev.kiln.testkit.ec2.internal.ActionContext;
import dev.kiln.testkit.ec2.internal.ActionDispatcher;
import dev.kiln.testkit.ec2.internal.Ec2Error;
import dev.kiln.testkit.ec2.internal.Filter;
import dev.kiln.testkit.ec2.internal.Paging;
import dev.kiln.testkit.ec2.internal.state.Network;
import java.util.ArrayList;
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

    /**
     * The served regions; with {@code AllRegions} or by name also the regions LocalEc2 does not serve, listed as
     * opt-in regions the account has not enabled ({@code not-opted-in}).
     */
    static void describeRegions(ActionContext ctx) {
        List<String> names = ctx.params.list("RegionName");
        List<String> served = ctx.cloud.regionNames();
        List<String> notServed = ctx.cloud.regionGate().notServed();
        for (String name : names) {
            if (!served.contains(name) && !notServed.contains(name)) {
                throw new Ec2Error("InvalidParameterValue", "Invalid region: " + name);
            }
        }
        List<String> candidates = new ArrayList<>(served);
        if (ctx.params.bool("AllRegions", false) || !names.isEmpty()) {
            candidates.addAll(notServed);
        }
        List<Filter> filters = Filter.from(ctx.params);
        List<String> regions = candidates.stream()
                .filter(r -> names.isEmpty() || names.contains(r))
                .filter(r -> filters.stream().allMatch(f -> switch (f.name()) {
                    case "region-name" -> f.matches(List.of(r));
                    case "endpoint" -> f.matches(List.of(ctx.cloud.endpointHost()));
                    case "opt-in-status" -> f.matches(List.of(optInStatus(served, r)));
                    default -> throw Ec2Error.invalidValue("The filter '" + f.name() + "' is invalid");
                }))
                .toList();
        ctx.out.items("regionInfo", regions, (w, r) -> w.value("regionName", r)
                .value("regionEndpoint", ctx.cloud.endpointHost()).value("optInStatus", optInStatus(served, r)));
    }

    private static String optInStatus(List<String> served, String region) {
        return served.contains(region) ? "opt-in-not-required" : "not-opted-in";
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

    /** The region's one network of a kind, if the request's ids and filters select it; unknown ids are NotFound. */
    private static Paging.Page<Network> select(ActionContext ctx, Network network, String idParam, String notFound,
                                               String kind) {
        Paging.Window window = Paging.ANY_IDS.window(ctx.params);
        ctx.params.list(idParam).stream().filter(id -> !id.equals(network.id)).findFirst().ifPresent(id -> {
            throw Ec2Error.notFound(notFound, kind, id);
        });
        return window.apply(network.matches(Filter.from(ctx.params)) ? List.of(network) : List.of());
    }

    static void describeVpcs(ActionContext ctx) {
        Paging.Page<Network> found = select(ctx, ctx.region.defaultVpc, "VpcId", "InvalidVpcID.NotFound", "vpc ID");
        ctx.out.items("vpcSet", found.items(), (w, v) -> w.value("vpcId", v.id).value("ownerId", ctx.accountId())
                .value("state", "available").value("cidrBlock", v.cidr).value("instanceTenancy", "default")
                .value("isDefault", true)
                .items("cidrBlockAssociationSet", List.of(v), (c, x) -> c.value("associationId", "vpc-cidr-assoc-" + x.id.substring(4))
                        .value("cidrBlock", x.cidr).start("cidrBlockState").value("state", "associated").end())
                .tags(v.tags)).value("nextToken", found.nextToken());
    }

    static void describeSubnets(ActionContext ctx) {
        Paging.Page<Network> found = select(ctx, ctx.region.defaultSubnet, "SubnetId", "InvalidSubnetID.NotFound",
                "subnet ID");
        ctx.out.items("subnetSet", found.items(), (w, s) -> w.value("subnetId", s.id)
                .value("subnetArn", "arn:aws:ec2:" + ctx.region.name + ":" + ctx.accountId() + ":subnet/" + s.id)
                .value("state", "available").value("ownerId", ctx.accountId()).value("vpcId", s.vpcId)
                .value("cidrBlock", s.cidr).value("availableIpAddressCount", 64516)
                .value("availabilityZone", s.availabilityZone).value("availabilityZoneId", ctx.region.name + "-az1")
                .value("defaultForAz", true).value("mapPublicIpOnLaunch", true).tags(s.tags))
                .value("nextToken", found.nextToken());
    }
}
