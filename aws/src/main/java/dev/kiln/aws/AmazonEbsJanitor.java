package dev.kiln.aws;

import dev.kiln.aws.internal.Sweep;
import dev.kiln.core.builder.JanitorReport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Removes what killed amazon-ebs builds left behind: every instance, volume, snapshot, security group, key pair
 * and unfinished AMI tagged {@code kiln:temporary=true} whose {@code kiln:created} time is older than a given
 * age, in the given regions. Finished AMIs lose that tag, so they are never touched. A dry run lists without
 * deleting. Removal goes in a safe order: unfinished AMIs and their snapshots, instances (waiting until
 * terminated), volumes, snapshots, security groups, key pairs.
 *
 * <pre>{@code
 * JanitorReport report = AmazonEbsJanitor.builder()
 *     .regions("us-east-1", "us-west-2")
 *     .olderThan(Duration.ofHours(3))
 *     .dryRun(true)
 *     .build()
 *     .run();
 * }</pre>
 */
public final class AmazonEbsJanitor {
    private final List<String> regions;
    private final Duration olderThan;
    private final boolean dryRun;
    private final String session;
    private final AwsCredentialsSource credentials;
    private final URI endpointOverride;
    private final Function<String, Ec2Client> ec2Clients;
    private final WaitTime terminateWait;
    private final Clock clock;

    private AmazonEbsJanitor(Builder b) {
        regions = List.copyOf(b.regions);
        olderThan = b.olderThan;
        dryRun = b.dryRun;
        session = b.session;
        credentials = b.credentials;
        endpointOverride = b.endpointOverride;
        ec2Clients = b.ec2Clients;
        terminateWait = b.terminateWait;
        clock = b.clock;
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("regions is empty: name the regions to clean, e.g. regions(\"us-east-1\")");
        }
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan is negative: give an age of zero or more, e.g. Duration.ofHours(3)");
        }
    }

    /** Starts a janitor: credentials from the default chain, resources older than three hours, deleting. */
    public static Builder builder() {
        return new Builder();
    }

    /** Finds the leftovers and, unless this is a dry run, removes them. Failures are reported, not thrown. */
    public JanitorReport run() throws InterruptedException {
        List<JanitorReport.Item> items = new ArrayList<>();
        for (String region : regions) {
            try (Sweep sweep = new Sweep(region, clientFor(region), ec2Clients != null, clock.instant().minus(olderThan),
                    session, terminateWait)) {
                items.addAll(dryRun ? sweep.list() : sweep.remove());
            }
        }
        return new JanitorReport(dryRun, items);
    }

    private Ec2Client clientFor(String region) {
        if (ec2Clients != null) {
            return ec2Clients.apply(region);
        }
        var b = Ec2Client.builder().region(software.amazon.awssdk.regions.Region.of(region))
                .credentialsProvider(credentials.provider(region, null));
        if (endpointOverride != null) {
            b.endpointOverride(endpointOverride);
        }
        return b.build();
    }

    /** Collects a janitor's settings. */
    public static final class Builder {
        private final List<String> regions = new ArrayList<>();
        private Duration olderThan = Duration.ofHours(3);
        private boolean dryRun;
        private String session;
        private AwsCredentialsSource credentials = AwsCredentialsSource.defaultChain();
        private URI endpointOverride;
        private Function<String, Ec2Client> ec2Clients;
        private WaitTime terminateWait = WaitTime.of(Duration.ofSeconds(2), Duration.ofMinutes(15));
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The regions to clean. */
        public Builder regions(String... regions) {
            this.regions.clear();
            this.regions.addAll(List.of(regions));
            return this;
        }

        /** Only resources created longer ago than this (by their {@code kiln:created} tag). */
        public Builder olderThan(Duration age) {
            this.olderThan = Objects.requireNonNull(age, "olderThan");
            return this;
        }

        /** True to list without deleting. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Only resources of this build session ({@code kiln:session}); null for every session. */
        public Builder session(String session) {
            this.session = session;
            return this;
        }

        /** Where credentials come from when the janitor builds its own clients. */
        public Builder credentials(AwsCredentialsSource credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The EC2 endpoint to call instead of AWS's. */
        public Builder endpointOverride(URI endpoint) {
            this.endpointOverride = endpoint;
            return this;
        }

        /** Caller-built clients per region, used as is and never closed. */
        public Builder ec2Clients(Function<String, Ec2Client> ec2Clients) {
            this.ec2Clients = ec2Clients;
            return this;
        }

        /** How to wait for instances to terminate before their groups and volumes go. */
        public Builder terminateWait(WaitTime terminateWait) {
            this.terminateWait = Objects.requireNonNull(terminateWait, "terminateWait");
            return this;
        }

        /** The clock that ages are measured against. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The janitor. */
        public AmazonEbsJanitor build() {
            return new AmazonEbsJanitor(this);
        }
    }
}
