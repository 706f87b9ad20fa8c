package dev.kiln.testkit.ec2.internal.state;

import java.util.List;

/**
 * One security group rule.
 *
 * @param protocol {@code tcp}, {@code udp}, {@code icmp} or {@code -1} for all
 * @param cidrs IPv4 ranges the rule admits
 * @param groupIds groups whose members the rule admits
 */
public record IpPermission(String protocol, int fromPort, int toPort, List<String> cidrs, List<String> groupIds) {

    public IpPermission {
        cidrs = List.copyOf(cidrs);
        groupIds = List.copyOf(groupIds);
    }

    /** True when this rule lets tcp from {@code source} reach {@code port}. */
    public boolean admitsTcp(int port, String source) {
        boolean protocolOk = protocol.equals("-1") || protocol.equalsIgnoreCase("tcp") || protocol.equals("6");
        boolean portOk = protocol.equals("-1") || (fromPort <= port && port <= toPort);
        return protocolOk && portOk && cidrs.stream().anyMatch(cidr -> Cidr.contains(cidr, source));
    }
}
