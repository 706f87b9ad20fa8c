package dev.kiln.testkit.ec2;

import java.util.Objects;

/**
 * A resource a build left behind in LocalEc2: an instance that isn't terminated, a key pair, a non-default
 * security group, a volume, a snapshot no image uses, or an image that is pending or failed.
 *
 * <pre>{@code
 * for (Leak leak : localEc2.leaks()) System.out.println(leak); // "us-east-1 key-pair key-0123... (packer_5bbc...)"
 * }</pre>
 *
 * @param region the region, e.g. {@code us-east-1}
 * @param type the EC2 resource type: {@code instance}, {@code key-pair}, {@code security-group},
 *     {@code volume}, {@code snapshot} or {@code image}
 * @param id the resource id
 * @param detail the name or state that helps tell what it is
 */
public record Leak(String region, String type, String id, String detail) {

    /** Checks that region, type and id are given; detail may be null. */
    public Leak {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return region + " " + type + " " + id + " (" + detail + ")";
    }
}
