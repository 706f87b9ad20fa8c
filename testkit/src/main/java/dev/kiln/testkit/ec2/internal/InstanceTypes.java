package dev.kiln.testkit.ec2.internal;

import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/**
 * The instance types EC2 launches: those of the AWS SDK on the classpath ({@link InstanceType#knownValues()}), so
 * LocalEc2 knows every type the SDK does and a typo such as {@code t2.mirco} fails as on EC2.
 */
public final class InstanceTypes {
    private static final Set<String> KNOWN = InstanceType.knownValues().stream().map(InstanceType::toString)
            .collect(Collectors.toUnmodifiableSet());

    private InstanceTypes() {
    }

    /**
     * Returns {@code type} when EC2 has it.
     *
     * @throws Ec2Error EC2's {@code InvalidParameterValue} when it does not
     */
    public static String require(String type) {
        if (!KNOWN.contains(type)) {
            throw Ec2Error.invalidValue("Invalid value '" + type + "' for InstanceType.");
        }
        return type;
    }
}
