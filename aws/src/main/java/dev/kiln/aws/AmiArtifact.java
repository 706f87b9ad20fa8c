package dev.kiln.aws;

import dev.kiln.core.builder.Artifact;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The AMIs an amazon-ebs build made (or reused): one per region, each with its snapshot ids. Its
 * {@link #id()} is Packer's artifact id, the {@code region:ami} pairs sorted by region and joined by commas.
 *
 * <pre>{@code
 * AmiArtifact ami = AmiArtifact.builder().putAmi("us-east-1", "ami-0abc", List.of("snap-0123")).build();
 * ami.id();        // "us-east-1:ami-0abc"
 * ami.amis();      // {us-east-1=ami-0abc}
 * }</pre>
 */
public final class AmiArtifact implements Artifact {
    private final Map<String, String> amis;
    private final Map<String, List<String>> snapshots;

    private AmiArtifact(Builder b) {
        amis = Collections.unmodifiableMap(new TreeMap<>(b.amis));
        Map<String, List<String>> copy = new TreeMap<>();
        b.snapshots.forEach((region, ids) -> copy.put(region, List.copyOf(ids)));
        snapshots = Collections.unmodifiableMap(copy);
    }

    /** Starts an empty artifact. */
    public static Builder builder() {
        return new Builder();
    }

    /** The AMI id per region, sorted by region. */
    public Map<String, String> amis() {
        return amis;
    }

    /** The snapshot ids of each region's AMI, sorted by region. */
    public Map<String, List<String>> snapshots() {
        return snapshots;
    }

    @Override
    public String builderType() {
        return AmazonEbs.TYPE;
    }

    @Override
    public String id() {
        return amis.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    @Override
    public List<String> files() {
        return List.of();
    }

    @Override
    public String describe() {
        if (amis.isEmpty()) {
            return "No AMIs to return";
        }
        return "AMIs were created:\n" + amis.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n")) + "\n";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmiArtifact a && amis.equals(a.amis) && snapshots.equals(a.snapshots);
    }

    @Override
    public int hashCode() {
        return Objects.hash(amis, snapshots);
    }

    @Override
    public String toString() {
        return "AmiArtifact{" + id() + ", snapshots=" + snapshots + "}";
    }

    /** Collects the AMIs of each region. */
    public static final class Builder {
        private final Map<String, String> amis = new TreeMap<>();
        private final Map<String, List<String>> snapshots = new TreeMap<>();

        private Builder() {
        }

        /** Records a region's AMI and its snapshots. */
        public Builder putAmi(String region, String amiId, List<String> snapshotIds) {
            amis.put(Objects.requireNonNull(region, "region"), Objects.requireNonNull(amiId, "amiId"));
            snapshots.put(region, List.copyOf(snapshotIds));
            return this;
        }

        /** The artifact. */
        public AmiArtifact build() {
            return new AmiArtifact(this);
        }
    }
}
