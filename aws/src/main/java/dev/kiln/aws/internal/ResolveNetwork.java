package dev.kiln.aws.internal;

import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * Finds the subnet's VPC, or leaves both empty so EC2 uses the default VPC and subnet; the subnet's call went out
 * with the other {@link PreLaunchLookups}.
 */
final class ResolveNetwork implements Step {
    @Override
    public String name() {
        return "network";
    }

    @Override
    public void run(EbsState s) throws InterruptedException {
        s.vpcId = s.config.vpcId();
        s.subnetId = s.config.subnetId();
        if (s.subnetId != null) {
            Subnet subnet = s.lookups.subnet();
            s.vpcId = subnet.vpcId();
            s.context.detail("Using subnet " + s.subnetId + " in " + subnet.availabilityZone() + ", VPC " + s.vpcId);
        } else if (s.vpcId == null) {
            s.context.detail("Using the default VPC and subnet");
        }
    }
}
