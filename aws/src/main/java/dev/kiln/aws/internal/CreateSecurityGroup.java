package dev.kiln.aws.internal;

import dev.kiln.core.builder.Cleanup;
import dev.kiln.core.builder.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Uses the existing security groups, or creates a temporary, tagged group that opens only the SSH port to
 * the source CIDRs, waits until EC2 shows it, and deletes it in cleanup (retrying DependencyViolation while
 * the instance goes away).
 *
 * <p>Cut off: the name {@code kiln_<uuid>} is chosen before CreateSecurityGroup is sent. The undo waits for a
 * call in flight to end and takes the group id from its answer, or, when the answer was lost, finds the group
 * by that name (and the VPC). A retry after a lost answer meets {@code InvalidGroup.Duplicate}: no one else uses
 * the name, so the build looks the group up by name and goes on.
 */
final class CreateSecurityGroup implements Step {
    private static final String OPEN = "0.0.0.0/0";
    /** About two and a half minutes of DependencyViolation at the capped delay. */
    private static final int DELETE_ATTEMPTS = 35;

    @Override
    public String name() {
        return "security group";
    }

    @Override
    public void run(EbsState s) throws Exception {
        if (!s.config.securityGroupIds().isEmpty()) {
            s.securityGroupIds = s.config.securityGroupIds();
            return;
        }
        List<String> cidrs = sourceCidrs(s);
        String groupName = "kiln_" + UUID.randomUUID();
        CreateCall<String> creating = CreateCall.of(() -> create(s, groupName));
        Cleanup undo = s.onCleanup("Deleting temporary security group " + groupName, self -> {
            if (!creating.sent()) {
                return;
            }
            Optional<String> groupId = creating.settled().or(() -> find(s, groupName));
            if (groupId.isPresent()) {
                if (s.securityGroupIds.isEmpty()) {
                    self.track(new Resource("security-group", groupId.get(), s.region()));
                }
                s.context.say("Deleting temporary security group...");
                Retry.on(DELETE_ATTEMPTS, "DependencyViolation")
                        .run(s.context, () -> s.ec2().deleteSecurityGroup(r -> r.groupId(groupId.get())));
            }
        });
        s.context.say("Creating temporary security group for this instance: " + groupName);
        String groupId = creating.send().answer();
        s.track(undo, "security-group", groupId, s.region());
        s.securityGroupIds = List.of(groupId);
        Waiting.cancellable(() -> Waiting.waiter(s.ec2(), s.config.waits().securityGroupVisible())
                .waitUntilSecurityGroupExists(r -> r.groupIds(groupId)));
        int port = s.config.sshPort();
        s.context.say("Authorizing access to port " + port + " from " + cidrs + " in the temporary security groups...");
        s.ec2().authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(cidrs.stream().map(c -> IpRange.builder().cidrIp(c).build()).toList()).build()));
    }

    /** Creates the group and returns its id. */
    private static String create(EbsState s, String groupName) throws Exception {
        String groupId;
        try {
            groupId = s.creation.call("CreateSecurityGroup",
                    List.of(KilnTags.spec(ResourceType.SECURITY_GROUP, KilnTags.temporary(s.context))),
                    specs -> s.ec2().createSecurityGroup(r -> r.groupName(groupName).vpcId(s.vpcId)
                            .description("Temporary group for Kiln build " + s.context.sessionId())
                            .tagSpecifications(specs).overrideConfiguration(s.creation.retries())).groupId());
        } catch (AwsServiceException e) {
            if (!AwsErrors.is(e, "InvalidGroup.Duplicate")) {
                throw e;
            }
            groupId = find(s, groupName).orElseThrow(() -> e);
        }
        s.creation.tagAfterCreation(s.ec2(), List.of(groupId), KilnTags.temporary(s.context));
        return groupId;
    }

    /** The id of the group with this name, in the build's VPC when it has one. */
    private static Optional<String> find(EbsState s, String groupName) {
        List<Filter> filters = new ArrayList<>();
        filters.add(Filter.builder().name("group-name").values(groupName).build());
        if (s.vpcId != null) {
            filters.add(Filter.builder().name("vpc-id").values(s.vpcId).build());
        }
        return s.ec2().describeSecurityGroups(r -> r.filters(filters)).securityGroups().stream()
                .map(SecurityGroup::groupId).findFirst();
    }

    private static List<String> sourceCidrs(EbsState s) throws Exception {
        if (!s.config.temporarySecurityGroupSourceCidrs().isEmpty()) {
            return s.config.temporarySecurityGroupSourceCidrs();
        }
        if (s.config.temporarySecurityGroupSourcePublicIpFrom() != null) {
            String ip = PublicIpCheck.fetch(s.config.temporarySecurityGroupSourcePublicIpFrom());
            s.context.detail("Public IP from " + s.config.temporarySecurityGroupSourcePublicIpFrom() + ": " + ip);
            return List.of(ip + "/32");
        }
        s.context.warn("the temporary security group opens port " + s.config.sshPort() + " to " + OPEN
                + "; set temporarySecurityGroupSourceCidrs(...) or temporarySecurityGroupSourcePublicIpFrom(checkUrl)"
                + " to narrow it");
        return List.of(OPEN);
    }
}
