package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AmazonEbsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Instance;

/** Picks the host to connect to: sshHost, else the address sshInterface names, else the public IP or private IP. */
final class SshAddress {
    private SshAddress() {
    }

    static String of(AmazonEbs config, Instance instance) {
        if (config.sshHost() != null) {
            return config.sshHost();
        }
        if (config.sshInterface() == null) {
            return present(instance.publicIpAddress()) ? instance.publicIpAddress()
                    : require(instance, instance.privateIpAddress(), "public or private IP address");
        }
        switch (config.sshInterface()) {
            case PUBLIC_IP:
                return require(instance, instance.publicIpAddress(), "public IP address");
            case PRIVATE_IP:
                return require(instance, instance.privateIpAddress(), "private IP address");
            case PUBLIC_DNS:
                return require(instance, instance.publicDnsName(), "public DNS name");
            default:
                return require(instance, instance.privateDnsName(), "private DNS name");
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    private static String require(Instance instance, String value, String what) {
        if (!present(value)) {
            throw new AmazonEbsException("run instance", List.of("instance " + instance.instanceId()), null, null,
                    "the instance has no " + what + "; choose another sshInterface or set sshHost", null);
        }
        return value;
    }
}
