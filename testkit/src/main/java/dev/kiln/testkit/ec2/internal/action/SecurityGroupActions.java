package dev.kiln.testkit.ec2.internal.action;

import dev.kiln.testkit.ec2.internal.ActionContext;
import dev.kiln.testkit.ec2.internal.ActionDispatcher;
import dev.kiln.testkit.ec2.internal.Ec2Error;
import dev.kiln.testkit.ec2.internal.Filter;
import dev.kiln.testkit.ec2.internal.Ids;
import dev.kiln.testkit.ec2.internal.Paging;
import dev.kiln.testkit.ec2.internal.Params;
import dev.kiln.testkit.ec2.internal.TagSpecifications;
import dev.kiln.testkit.ec2.internal.XmlWriter;
import dev.kiln.testkit.ec2.internal.state.Instance;
import dev.kiln.testkit.ec2.internal.state.InstanceState;
import dev.kiln.testkit.ec2.internal.state.IpPermission;
import dev.kiln.testkit.ec2.internal.state.SecurityGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CreateSecurityGroup, DescribeSecurityGroups, Authorize/RevokeSecurityGroupIngress, DeleteSecurityGroup. */
public final class SecurityGroupActions {
    private static final Set<String> TAGGABLE = Set.of("security-group");

    private SecurityGroupActions() {
    }

    public static void register(ActionDispatcher dispatcher) {
        dispatcher.register("CreateSecurityGroup", SecurityGroupActions::createSecurityGroup)
                .register("DescribeSecurityGroups", SecurityGroupActions::describeSecurityGroups)
                .register("AuthorizeSecurityGroupIngress", SecurityGroupActions::authorizeIngress)
                .register("RevokeSecurityGroupIngress", SecurityGroupActions::revokeIngress)
                .register("DeleteSecurityGroup", SecurityGroupActions::deleteSecurityGroup);
    }

    static void createSecurityGroup(ActionContext ctx) {
        Params p = ctx.params;
        String name = p.required("GroupName");
        String description = p.required("GroupDescription");
        String vpcId = p.string("VpcId", ctx.region.defaultVpc.id);
        if (!vpcId.equals(ctx.region.defaultVpc.id)) {
            throw Ec2Error.notFound("InvalidVpcID.NotFound", "vpc ID", vpcId);
        }
        if (name.equals("default")) {
            throw new Ec2Error("InvalidGroup.Reserved", "The security group 'default' is reserved");
        }
        if (ctx.region.securityGroups.values().stream().anyMatch(g -> g.name.equals(name) && g.vpcId.equals(vpcId))) {
            throw new Ec2Error("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
        }
        SecurityGroup group = new SecurityGroup(Ids.next("sg"), name, description, vpcId, ctx.accountId(), false);
        group.tags.putAll(TagSpecifications.tagsFor(p, "security-group", TAGGABLE));
        ctx.region.securityGroups.put(group.id, group);
        ctx.created(group.id);
        ctx.out.value("return", true).value("groupId", group.id).tags(group.tags);
    }

    private static SecurityGroup target(ActionContext ctx) {
        String id = ctx.params.string("GroupId");
        String name = ctx.params.string("GroupName");
        if (id == null && name == null) {
            ctx.params.required("GroupId");
        }
        return id != null ? ctx.region.group(id) : ctx.region.groupByName(name);
    }

    static void describeSecurityGroups(ActionContext ctx) {
        Paging.Window window = Paging.ANY_IDS.window(ctx.params);
        List<SecurityGroup> found = new ArrayList<>();
        ctx.params.list("GroupId").forEach(id -> found.add(ctx.region.group(id)));
        ctx.params.list("GroupName").forEach(name -> found.add(ctx.region.groupByName(name)));
        if (found.isEmpty() && ctx.params.list("GroupId").isEmpty() && ctx.params.list("GroupName").isEmpty()) {
            found.addAll(ctx.region.securityGroups.values());
        }
        List<Filter> filters = Filter.from(ctx.params);
        Paging.Page<SecurityGroup> page = window.apply(found.stream().distinct().filter(g -> g.matches(filters))
                .toList());
        ctx.out.items("securityGroupInfo", page.items(), (w, g) -> {
            w.value("ownerId", g.ownerId).value("groupId", g.id).value("groupName", g.name)
                    .value("groupDescription", g.description).value("vpcId", g.vpcId);
            writeRules(w, "ipPermissions", g.ingress);
            writeRules(w, "ipPermissionsEgress", g.egress);
            w.tags(g.tags);
        }).value("nextToken", page.nextToken());
    }

    private static void writeRules(XmlWriter w, String element, List<IpPermission> rules) {
        w.items(element, rules, (r, rule) -> {
            r.value("ipProtocol", rule.protocol());
            if (!rule.protocol().equals("-1")) {
                r.value("fromPort", rule.fromPort()).value("toPort", rule.toPort());
            }
            r.items("groups", rule.groupIds(), (g, id) -> g.value("groupId", id));
            r.items("ipRanges", rule.cidrs(), (c, cidr) -> c.value("cidrIp", cidr));
            r.items("ipv6Ranges", List.of(), (c, none) -> { });
            r.items("prefixListIds", List.of(), (c, none) -> { });
        });
    }

    static void authorizeIngress(ActionContext ctx) {
        SecurityGroup group = target(ctx);
        List<IpPermission> rules = rules(ctx);
        for (IpPermission rule : rules) {
            if (group.ingress.contains(rule)) {
                throw new Ec2Error("InvalidPermission.Duplicate", "the specified rule \"peer: " + rule.cidrs()
                        + ", " + rule.protocol().toUpperCase() + ", from port: " + rule.fromPort() + ", to port: "
                        + rule.toPort() + ", ALLOW\" already exists");
            }
        }
        group.ingress.addAll(rules);
        ctx.out.value("return", true);
    }

    static void revokeIngress(ActionContext ctx) {
        SecurityGroup group = target(ctx);
        List<IpPermission> rules = rules(ctx);
        for (IpPermission rule : rules) {
            if (!group.ingress.contains(rule)) {
                throw new Ec2Error("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
            }
        }
        group.ingress.removeAll(rules);
        ctx.out.value("return", true);
    }

    /** The rules of an Authorize/Revoke call: {@code IpPermissions.N.*}, or the older top-level form. */
    private static List<IpPermission> rules(ActionContext ctx) {
        List<IpPermission> rules = new ArrayList<>();
        for (Params permission : ctx.params.members("IpPermissions")) {
            List<String> cidrs = permission.members("IpRanges").stream().map(r -> r.required("CidrIp")).toList();
            List<String> groups = permission.members("Groups").stream().map(g -> g.string("GroupId")).toList();
            rules.add(rule(ctx, permission, cidrs, groups));
        }
        if (ctx.params.string("IpProtocol") != null) {
            String cidr = ctx.params.string("CidrIp");
            String sourceGroup = ctx.params.string("SourceSecurityGroupName");
            rules.add(rule(ctx, ctx.params, cidr == null ? List.of() : List.of(cidr),
                    sourceGroup == null ? List.of() : List.of(ctx.region.groupByName(sourceGroup).id)));
        }
        if (rules.isEmpty()) {
            throw new Ec2Error("MissingParameter", "The request must contain the parameter IpPermissions");
        }
        return rules;
    }

    private static IpPermission rule(ActionContext ctx, Params p, List<String> cidrs, List<String> groups) {
        String protocol = p.required("IpProtocol").toLowerCase();
        if (!Set.of("tcp", "udp", "icmp", "-1", "6", "17", "1").contains(protocol)) {
            throw Ec2Error.invalidValue("Invalid value '" + protocol + "' for IP protocol. Unknown protocol.");
        }
        for (String cidr : cidrs) {
            if (!cidr.matches("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}")) {
                throw Ec2Error.invalidValue("CIDR block " + cidr + " is malformed");
            }
        }
        groups.forEach(ctx.region::group);
        int from = protocol.equals("-1") ? 0 : p.integer("FromPort", -1);
        int to = protocol.equals("-1") ? 0 : p.integer("ToPort", -1);
        if (!protocol.equals("-1") && !protocol.equals("icmp") && (from < 0 || to < from || to > 65535)) {
            throw Ec2Error.invalidValue("Invalid port range " + from + "-" + to + ": FromPort and ToPort are required, 0-65535");
        }
        return new IpPermission(protocol, from, to, cidrs, groups);
    }

    static void deleteSecurityGroup(ActionContext ctx) {
        SecurityGroup group = target(ctx);
        if (group.isDefault) {
            throw new Ec2Error("CannotDelete", "the specified group: \"" + group.id + "\" name: \"default\" cannot be deleted by a user");
        }
        for (Instance instance : ctx.region.instances.values()) {
            if (instance.state != InstanceState.TERMINATED && instance.groupIds.contains(group.id)) {
                throw new Ec2Error("DependencyViolation", "resource " + group.id + " has a dependent object");
            }
        }
        ctx.region.securityGroups.remove(group.id);
        ctx.out.value("return", true).value("groupId", group.id);
    }
}
