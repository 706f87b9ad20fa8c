package dev.kiln.testkit.ec2;

import dev.kiln.testkit.ec2.internal.state.Instance;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An instance of a {@link LocalEc2} as it was when asked for: its metadata as DescribeInstances shows it, and the
 * files of its machine, read-only ({@link ReadOnlyFiles}), live while the machine exists.
 *
 * <pre>{@code
 * InstanceView instance = localEc2.instance("us-east-1", instanceId);
 * assertThat(instance.state()).isEqualTo("running");
 * assertThat(instance.exists("/home/ec2-user/.ssh/authorized_keys")).isTrue();
 * }</pre>
 */
public final class InstanceView extends ReadOnlyFiles {
    private final String region;
    private final String id;
    private final String state;
    private final String imageId;
    private final String instanceType;
    private final String keyName;
    private final List<String> securityGroupIds;
    private final Map<String, String> tags;

    /** The view of {@code instance}; the caller holds the LocalEc2 lock. */
    InstanceView(String region, Instance instance) {
        super(instance.machine == null ? null : instance.machine.root(), "instance " + instance.id + " in " + region,
                "it has no machine (state " + instance.state.apiName() + "): LocalEc2 runs none, or it has not"
                        + " booted yet, or it is gone");
        this.region = region;
        this.id = instance.id;
        this.state = instance.state.apiName();
        this.imageId = instance.imageId;
        this.instanceType = instance.instanceType;
        this.keyName = instance.keyName;
        this.securityGroupIds = List.copyOf(instance.groupIds);
        this.tags = Collections.unmodifiableMap(new TreeMap<>(instance.tags));
    }

    /** The region it runs in, e.g. {@code us-east-1}. */
    public String region() {
        return region;
    }

    /** The instance id, e.g. {@code i-0123456789abcdef0}. */
    public String id() {
        return id;
    }

    /**
     * The state as EC2 names it: {@code pending}, {@code running}, {@code stopping}, {@code stopped},
     * {@code shutting-down} or {@code terminated}.
     */
    public String state() {
        return state;
    }

    /** The AMI it was launched from. */
    public String imageId() {
        return imageId;
    }

    /** Its instance type, e.g. {@code t2.micro}. */
    public String instanceType() {
        return instanceType;
    }

    /** The key pair it was launched with, when it has one. */
    public Optional<String> keyName() {
        return Optional.ofNullable(keyName);
    }

    /** The ids of its security groups. */
    public List<String> securityGroupIds() {
        return securityGroupIds;
    }

    /** Its tags, sorted by key. */
    public Map<String, String> tags() {
        return tags;
    }

    @Override
    public String toString() {
        return "instance " + id + " (" + instanceType + ", " + state + ") in " + region;
    }
}
