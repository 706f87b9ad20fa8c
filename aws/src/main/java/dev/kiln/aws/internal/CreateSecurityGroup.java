package dev.kiln.aws.internal;

import dev.kiln.core.builder.Cleanup;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Uses the existing security groups, or creates a temporary, tagged group that opens only the SSH port to
 * the source CIDRs, waits until EC2 shows it, and deletes it in cleanup (retrying DependencyViolation while
 * the instance goes away).
 */
final class CreateSecurityGroup implements Step {
    private static final Logger LOG = LoggerFactory.getLogger(CreateSecurityGroup.class);
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
        String[] groupId = new String[1];
        Cleanup cleanup = s.context.onCleanup("Deleting temporary security group " + groupName, () -> {
            if (groupId[0] != null) {
                s.context.say("Deleting temporary security group...");
                Retry.on(DELETE_ATTEMPTS, "DependencyViolation")
                        .run(s.context, () -> s.ec2().deleteSecurityGroup(r -> r.groupId(groupId[0])));
            }
        });
        s.context.say("Creating temporary security group for this instance: " + groupName);
        groupId[0] = s.ec2().createSecurityGroup(r -> r.groupName(groupName).vpcId(s.vpcId)
                .description("Temporary group for Kiln build " + s.context.sessionId())
                .tagSpecifications(KilnTags.spec(ResourceType.SECURITY_GROUP, KilnTags.temporary(s.context))))
                .groupId();
        s.track(cleanup, "security-group", groupId[0], s.region());
        s.securityGroupIds = List.of(groupId[0]);
        Waiting.cancellable(() -> Waiting.waiter(s.ec2(), s.config.waits().securityGroupVisible())
                .waitUntilSecurityGroupExists(r -> r.groupIds(groupId[0])));
        int port = s.config.sshPort();
        s.context.say("Authorizing access to port " + port + " from " + cidrs + " in the temporary security groups...");
        s.ec2().authorizeSecurityGroupIngress(r -> r.groupId(groupId[0]).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(cidrs.stream().map(c -> IpRange.builder().cidrIp(c).build()).toList()).build()));
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
        String warning = "Warning: the temporary security group opens port " + s.config.sshPort() + " to " + OPEN
                + "; set temporarySecurityGroupSourceCidrs(...) or temporarySecurityGroupSourcePublicIpFrom(checkUrl)"
                + " to narrow it";
        LOG.warn(warning);
        s.context.say(warning);
        return List.of(OPEN);
    }
}
