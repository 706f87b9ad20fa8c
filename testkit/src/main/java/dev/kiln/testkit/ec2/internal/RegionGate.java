package dev.kiln.testkit.ec2.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * Admits a request by the region its SigV4 credential scope names, as AWS's endpoints do. The regions AWS has come
 * from the SDK on the classpath ({@link Region#regions()} and its {@link RegionMetadata}), without the global
 * pseudo-regions such as {@code aws-global}:
 * <ul>
 *   <li>a region LocalEc2 serves is admitted;</li>
 *   <li>a region that is no region of the served regions' partitions ({@code us-esat-1}) fails as a signature
 *       scoped to an invalid region does: HTTP 403 {@code SignatureDoesNotMatch}, "Credential should be scoped
 *       to a valid region, not 'us-esat-1'.";</li>
 *   <li>a region AWS has but LocalEc2 does not serve fails as an opt-in region the account has not enabled:
 *       HTTP 401 {@code AuthFailure}, "AWS was not able to validate the provided access credentials".</li>
 * </ul>
 */
public final class RegionGate {
    private final List<String> served;
    private final List<String> notServed;

    /** A gate for the {@code served} regions, each a region of the SDK (see {@link #unknown(List)}). */
    public RegionGate(List<String> served) {
        this.served = List.copyOf(served);
        Set<String> partitions = served.stream().map(name -> partitionOf(Region.of(name)))
                .filter(Objects::nonNull).collect(Collectors.toSet());
        this.notServed = Region.regions().stream().filter(r -> !r.isGlobalRegion())
                .filter(r -> partitions.contains(partitionOf(r))).map(Region::id)
                .filter(id -> !served.contains(id)).sorted().toList();
    }

    /** The names in {@code names} that are no region of the AWS SDK on the classpath. */
    public static List<String> unknown(List<String> names) {
        Set<String> known = Region.regions().stream().filter(r -> !r.isGlobalRegion()).map(Region::id)
                .collect(Collectors.toSet());
        return names.stream().filter(name -> !known.contains(name)).toList();
    }

    /**
     * Lets a request signed for {@code region} through.
     *
     * @throws Ec2Error {@code SignatureDoesNotMatch} (403) for a region AWS does not have, {@code AuthFailure} (401)
     *                  for one LocalEc2 does not serve
     */
    public void admit(String region) {
        if (served.contains(region)) {
            return;
        }
        if (notServed.contains(region)) {
            throw new Ec2Error("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
        }
        throw new Ec2Error("SignatureDoesNotMatch", "Credential should be scoped to a valid region, not '" + region
                + "'.", 403);
    }

    /** The regions of the served regions' partitions that LocalEc2 does not serve, as opt-in regions not enabled. */
    public List<String> notServed() {
        return notServed;
    }

    private static String partitionOf(Region region) {
        RegionMetadata metadata = region.metadata();
        return metadata == null ? null : metadata.partition().id();
    }
}
