package dev.kiln.testkit.ec2;

import dev.kiln.core.internal.FileTrees;
import dev.kiln.testkit.ec2.internal.ActionDispatcher;
import dev.kiln.testkit.ec2.internal.FaultPlan;
import dev.kiln.testkit.ec2.internal.ImageStore;
import dev.kiln.testkit.ec2.internal.Lifecycle;
import dev.kiln.testkit.ec2.internal.LocalCloud;
import dev.kiln.testkit.ec2.internal.LoopbackPool;
import dev.kiln.testkit.ec2.internal.RegionGate;
import dev.kiln.testkit.ec2.internal.action.ImageActions;
import dev.kiln.testkit.ec2.internal.action.InstanceActions;
import dev.kiln.testkit.ec2.internal.action.InstanceStatusActions;
import dev.kiln.testkit.ec2.internal.action.KeyPairActions;
import dev.kiln.testkit.ec2.internal.action.NetworkActions;
import dev.kiln.testkit.ec2.internal.action.SecurityGroupActions;
import dev.kiln.testkit.ec2.internal.action.StorageActions;
import dev.kiln.testkit.ec2.internal.action.TagActions;
import dev.kiln.testkit.ec2.internal.http.Ec2HttpServer;
import dev.kiln.testkit.machine.LocalMachineHost;
import dev.kiln.testkit.machine.MachineHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local EC2: the EC2 Query API (version 2016-11-15) over HTTP on 127.0.0.1, for any AWS client (SDKs, the
 * AWS CLI, Packer) pointed at {@link #endpoint()} with dummy credentials. The region comes from each
 * request's SigV4 credential scope. Instances are local machines from a {@link MachineHost} (real SSH
 * servers on their own loopback address); without one they exist in the API only. Faults on demand
 * ({@link #faults()}), a call log ({@link #calls()}) and a leak check ({@link #leaks()}) make it a test double
 * for image builders; {@link #image(String, String)} and {@link #instance(String, String)} show what a build made,
 * files included.
 *
 * <p>To build on it with Kiln's amazon-ebs, {@code AmazonEbsOnLocalEc2.builder(localEc2)} in the artifact
 * {@code kiln-testkit-aws} (package {@code dev.kiln.testkit.aws}) sets the endpoint, credentials, SSH port, source
 * CIDR and waits in one call.
 *
 * <p>LocalEc2 is as strict as EC2: a request EC2 refuses is refused here with EC2's error code, message and HTTP
 * status, so a build that passes against LocalEc2 does not fail on AWS for a name or a parameter. The names it
 * knows come from the AWS SDK on the classpath, not from a list of its own:
 * <ul>
 *   <li><b>Regions.</b> A request signed for a region AWS does not have ({@code us-esat-1}) fails at the endpoint:
 *       403 {@code SignatureDoesNotMatch}, "Credential should be scoped to a valid region, not 'us-esat-1'.". A
 *       region AWS has but this LocalEc2 does not serve ({@link Builder#regions(List)}) answers as an opt-in region
 *       the account has not enabled: 401 {@code AuthFailure}, "AWS was not able to validate the provided access
 *       credentials"; DescribeRegions lists it as {@code not-opted-in} with {@code AllRegions}.</li>
 *   <li><b>Instance types.</b> RunInstances with a type the SDK does not know ({@code t2.mirco}):
 *       400 {@code InvalidParameterValue}, "Invalid value 't2.mirco' for InstanceType.".</li>
 *   <li><b>Images are regional.</b> A base image exists only in its {@link BaseImage#regions()}; elsewhere
 *       DescribeImages and RunInstances of its id answer 400 {@code InvalidAMIID.NotFound}, "The image id
 *       '[ami-...]' does not exist". CopyImage is the way to another region.</li>
 *   <li><b>Key pairs.</b> RunInstances of a Windows image ({@link BaseImage.Platform#WINDOWS}) with an ed25519 key
 *       pair: 400 {@code Unsupported}, "ED25519 key pairs are not supported with Windows AMIs. Choose a different
 *       key pair type and try again.". ImportKeyPair of a DSA or ECDSA key, or of an RSA key other than 1024, 2048
 *       or 4096 bits: 400 {@code InvalidKey.Format}, "Key is not in valid OpenSSH public key format".</li>
 *   <li><b>Paging.</b> DescribeInstances, DescribeInstanceStatus, DescribeImages, DescribeSnapshots,
 *       DescribeVolumes, DescribeSecurityGroups, DescribeVpcs and DescribeSubnets page with {@code MaxResults} and
 *       {@code NextToken}. MaxResults below 5: 400 {@code InvalidParameterValue}, "Value ( 3 ) for parameter
 *       maxResults is invalid. Expecting a value greater than 5."; above the action's maximum (1000, DescribeVolumes
 *       500) it returns the maximum. MaxResults with instance, image, snapshot or volume ids: 400
 *       {@code InvalidParameterCombination}, e.g. "The parameter instancesSet cannot be used with the parameter
 *       maxResults". A token this action did not hand out: 400 {@code InvalidPaginationToken}, "The specified
 *       pagination token is not valid or is expired.". Without MaxResults every result comes at once.</li>
 * </ul>
 * Regions don't share a lock: calls in different regions run side by side.
 *
 * <pre>{@code
 * try (LocalEc2 ec2 = LocalEc2.builder().machineHost(host).start()) {
 *     Ec2Client client = Ec2Client.builder().endpointOverride(ec2.endpoint()).region(Region.US_EAST_1)
 *             .credentialsProvider(StaticCredentialsProvider.create(
 *                     AwsBasicCredentials.create(ec2.accessKeyId(), ec2.secretAccessKey())))
 *             .build();
 *     ...
 *     assertThat(ec2.leaks()).isEmpty();
 * }
 * }</pre>
 */
public final class LocalEc2 implements AutoCloseable {
    /** The regions DescribeRegions lists by default. */
    public static final List<String> DEFAULT_REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1");
    /** The dummy account that owns everything made here ({@code self}). */
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    /** The SSH port used when port 22 cannot be bound. */
    public static final int FALLBACK_SSH_PORT = 2222;
    private static final Logger log = LoggerFactory.getLogger(LocalEc2.class);

    private final LocalCloud cloud;
    private final Lifecycle lifecycle;
    private final Ec2HttpServer server;
    private final Faults faults;
    private final String region;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final MachineHost ownedHost;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalEc2(Builder b) throws IOException {
        this.region = b.region;
        this.ownsDataDir = b.dataDir == null;
        this.dataDir = ownsDataDir ? Files.createTempDirectory("local-ec2-") : Files.createDirectories(b.dataDir);
        FaultPlan plan = new FaultPlan(b.randomSeed);
        this.faults = new Faults(plan);
        ImageStore store = new ImageStore(dataDir);
        this.cloud = new LocalCloud(b.accountId, b.regions, b.baseImages, plan, store);
        int sshPort = b.sshPort > 0 ? b.sshPort : LoopbackPool.sshPortOr(FALLBACK_SSH_PORT);
        this.ownedHost = b.localMachines ? ownedHost(b, dataDir.resolve("host")) : null;
        MachineHost host = ownedHost != null ? ownedHost : b.machineHost;
        this.lifecycle = new Lifecycle(host, b.latencies, sshPort, store, dataDir.resolve("machines"), plan);
        ActionDispatcher dispatcher = new ActionDispatcher(cloud);
        NetworkActions.register(dispatcher);
        ImageActions.register(dispatcher);
        InstanceActions.register(dispatcher);
        InstanceStatusActions.register(dispatcher);
        KeyPairActions.register(dispatcher);
        SecurityGroupActions.register(dispatcher);
        TagActions.register(dispatcher);
        StorageActions.register(dispatcher);
        try {
            this.server = new Ec2HttpServer(b.port, dispatcher, plan, lifecycle, region);
        } catch (IOException e) {
            lifecycle.close();
            if (ownedHost != null) {
                ownedHost.close();
            }
            throw e;
        }
        cloud.start(lifecycle, "127.0.0.1:" + server.port());
        log.info("LocalEc2 listening on {} (region {}, ssh port {}, {}, data in {})", endpoint(), region, sshPort,
                host == null ? "instances without machines" : "instances are local SSH machines", dataDir);
    }

    /** A builder for a LocalEc2 on a free port, in {@code us-east-1}, with the fast latency profile. */
    public static Builder builder() {
        return new Builder();
    }

    /** The host of {@link Builder#localMachines()}; when it cannot start, a temporary data directory goes too. */
    private LocalMachineHost ownedHost(Builder b, Path hostDir) {
        LocalMachineHost.Builder settings = b.machineHostSettings.get().dataDir(hostDir);
        if (b.unsandboxed) {
            settings.unsandboxed();
        }
        try {
            return settings.build();
        } catch (RuntimeException e) {
            if (ownsDataDir) {
                FileTrees.deleteTree(dataDir);
            }
            throw e;
        }
    }

    /** A LocalEc2 with every default: a free port, no machines, fast latencies, a temporary data directory. */
    public static LocalEc2 create() {
        return builder().start();
    }

    /** The endpoint to give clients, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The TCP port of its endpoint on 127.0.0.1. */
    public int port() {
        return server.port();
    }

    /** The region used for requests that carry no SigV4 scope, and that LocalEc2Main prints. */
    public String region() {
        return region;
    }

    /** Every region DescribeRegions lists. */
    public List<String> regions() {
        return cloud.regionNames();
    }

    /** The account that owns the resources made here. */
    public String accountId() {
        return cloud.accountId();
    }

    /** A dummy access key id; any value works, signatures are not checked. */
    public String accessKeyId() {
        return "AKIALOCALEC2DUMMY000";
    }

    /** A dummy secret key to go with {@link #accessKeyId()}; not a secret. */
    public String secretAccessKey() {
        return "local-ec2-dummy-secret-access-key";
    }

    /**
     * The environment an independent client (the AWS CLI, Packer) needs to call this LocalEc2: its dummy keys,
     * its default region, and the instance metadata lookup turned off. The endpoint is given to the client
     * separately (the CLI's {@code --endpoint-url}, Packer's {@code custom_endpoint_ec2}).
     */
    public Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey());
        env.put("AWS_DEFAULT_REGION", region());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    /** The port every instance's SSH server listens on (its own loopback address). */
    public int sshPort() {
        return lifecycle.sshPort();
    }

    /** Where images (metadata and files) are kept. */
    public Path dataDir() {
        return dataDir;
    }

    /** The live fault controls. */
    public Faults faults() {
        return faults;
    }

    /**
     * Everything left behind in every region: see {@link Leak}. That includes what a call made whose answer was
     * lost ({@link Faults#loseAnswers(String, int)}). Available images are results, not leaks.
     */
    public List<Leak> leaks() {
        return cloud.leaks();
    }

    /**
     * The instance time used so far, summed over every instance in every region: from RunInstances to the start
     * of its shutdown (TerminateInstances), or to now for instances still alive. Benchmarks report it as
     * instance-seconds.
     */
    public Duration instanceTime() {
        return cloud.instanceTime();
    }

    /**
     * How long the OS of instance {@code instanceId} took, on its latest boot, from {@code running} until its sshd
     * listened (see {@link Latencies#osBootMin()}); zero on the fast profile. Benchmarks take it off a build's
     * wall time, since it varies from instance to instance.
     *
     * @throws IllegalArgumentException when no region has that instance
     */
    public Duration osBootTime(String instanceId) {
        for (String region : cloud.regionNames()) {
            Duration boot = cloud.inRegion(region, r -> {
                var instance = r.instances.get(instanceId);
                return instance == null ? null : instance.osBootTime;
            });
            if (boot != null) {
                return boot;
            }
        }
        throw new IllegalArgumentException("instanceId " + instanceId
                + " is not an instance of this LocalEc2; take it from RunInstances");
    }

    /** Every request answered so far, oldest first, in every region. */
    public List<Ec2Call> calls() {
        return cloud.calls();
    }

    /** The calls to {@code action}, oldest first. */
    public List<Ec2Call> calls(String action) {
        return cloud.calls().stream().filter(c -> c.action().equals(action)).toList();
    }

    /**
     * One image as it is now: its state, tags, block devices and captured files (read-only), e.g.
     * {@code image("us-east-1", amiId).file("/etc/motd")}.
     *
     * @throws IllegalArgumentException when the region or the image is unknown; the message lists what there is
     */
    public ImageView image(String region, String imageId) {
        return Views.IMAGES.one(cloud, region, imageId);
    }

    /** Every image of {@code region} as it is now, base images first. */
    public List<ImageView> images(String region) {
        return Views.IMAGES.all(cloud, region);
    }

    /**
     * One instance as it is now: its state, image, type, key, groups, tags and its machine's files (read-only).
     *
     * @throws IllegalArgumentException when the region or the instance is unknown; the message lists what there is
     */
    public InstanceView instance(String region, String instanceId) {
        return Views.INSTANCES.one(cloud, region, instanceId);
    }

    /** Every instance of {@code region} as it is now, terminated ones included, oldest first. */
    public List<InstanceView> instances(String region) {
        return Views.INSTANCES.all(cloud, region);
    }

    /**
     * Stops the server and destroys every instance's machine; images stay when a data directory was given.
     * Closing again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        lifecycle.destroyAll(cloud.regionStates());
        if (ownedHost != null) {
            ownedHost.close();
        }
        FileTrees.deleteTree(dataDir.resolve("machines"));
        if (ownsDataDir) {
            FileTrees.deleteTree(dataDir);
        }
        log.info("LocalEc2 on port {} stopped", server.port());
    }

    @Override
    public String toString() {
        return "LocalEc2[" + endpoint() + ", region " + region + "]";
    }

    /** Configures and starts a {@link LocalEc2}. */
    public static final class Builder {
        private int port;
        private String region = "us-east-1";
        private List<String> regions = DEFAULT_REGIONS;
        private String accountId = DEFAULT_ACCOUNT_ID;
        private Latencies latencies = Latencies.fast();
        private MachineHost machineHost;
        private boolean localMachines;
        private boolean unsandboxed;
        private Supplier<LocalMachineHost.Builder> machineHostSettings = LocalMachineHost::builder;
        private int sshPort;
        private Path dataDir;
        private long randomSeed;
        private final List<BaseImage> baseImages = new ArrayList<>(List.of(BaseImage.AMAZON_LINUX_2, BaseImage.UBUNTU_16_04));

        private Builder() {
        }

        /** The HTTP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The region for requests without a SigV4 scope; default {@code us-east-1}. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * The regions this LocalEc2 serves and DescribeRegions lists, each a region of the AWS SDK on the classpath;
         * default {@link #DEFAULT_REGIONS}. A base image is in a region only if its {@link BaseImage#regions()} name
         * it.
         */
        public Builder regions(List<String> regions) {
            if (regions.isEmpty()) {
                throw new IllegalArgumentException("regions must not be empty");
            }
            List<String> unknown = RegionGate.unknown(regions);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("regions: " + unknown + " are no AWS regions of the SDK on the "
                        + "classpath (Region.regions()); serve regions such as us-east-1");
            }
            this.regions = List.copyOf(regions);
            return this;
        }

        /** The 12-digit account id of {@code self}; default {@value #DEFAULT_ACCOUNT_ID}. */
        public Builder accountId(String accountId) {
            if (accountId == null || !accountId.matches("\\d{12}")) {
                throw new IllegalArgumentException("accountId must be 12 digits, got " + accountId);
            }
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets how long EC2's state changes take: {@link Latencies#fast()} (the default) or
         * {@link Latencies#realistic()}, which also boots each instance's OS before its sshd listens.
         */
        public Builder latencies(Latencies latencies) {
            this.latencies = Objects.requireNonNull(latencies, "latencies");
            return this;
        }

        /**
         * Runs instances as machines of this host (the caller keeps owning and closing it). Without one,
         * instances exist only in the API.
         */
        public Builder machineHost(MachineHost machineHost) {
            this.machineHost = machineHost;
            this.localMachines = false;
            return this;
        }

        /**
         * Runs instances as real local SSH machines ({@link LocalMachineHost}) that this LocalEc2 creates in its
         * data directory and closes with itself. They run in a sandbox (bubblewrap, or util-linux's unshare as
         * root); when none can run, {@link #start()} fails unless {@link #unsandboxed()} was called.
         */
        public Builder localMachines() {
            this.localMachines = true;
            this.machineHost = null;
            return this;
        }

        /**
         * Runs the {@link #localMachines()} as plain host processes, with no sandbox: see
         * {@link LocalMachineHost.Builder#unsandboxed()} for what that risks (the scripts write this computer's own
         * {@code /etc}, {@code /srv}, {@code /tmp}). Without this call, starting fails when no sandbox can run.
         */
        public Builder unsandboxed() {
            this.unsandboxed = true;
            return this;
        }

        /** Where {@link #localMachines()} get their host's settings; for tests that need the sandbox programs missing. */
        Builder machineHostSettings(Supplier<LocalMachineHost.Builder> machineHostSettings) {
            this.machineHostSettings = Objects.requireNonNull(machineHostSettings, "machineHostSettings");
            return this;
        }

        /** The SSH port of every instance; default 22 when it can be bound, else {@value #FALLBACK_SSH_PORT}. */
        public Builder sshPort(int sshPort) {
            if (sshPort < 1 || sshPort > 65535) {
                throw new IllegalArgumentException("sshPort must be 1..65535, got " + sshPort);
            }
            this.sshPort = sshPort;
            return this;
        }

        /**
         * Keeps images (metadata and captured files) in this directory, so a later LocalEc2 on the same
         * directory finds them. Default: a temporary directory deleted on close.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Seeds the random sequences of rate-based throttling and of the instances' OS boot times; default 0. */
        public Builder randomSeed(long randomSeed) {
            this.randomSeed = randomSeed;
            return this;
        }

        /**
         * Adds a public base image, in the regions it names (besides Amazon Linux 2 and Ubuntu 16.04); one with the
         * id of an image already added replaces it.
         */
        public Builder baseImage(BaseImage image) {
            Objects.requireNonNull(image, "image");
            baseImages.removeIf(existing -> existing.id().equals(image.id()));
            baseImages.add(image);
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IllegalStateException when {@link #localMachines()} can run in no sandbox here (the message says
         *     what to install) and {@link #unsandboxed()} was not called
         */
        public LocalEc2 start() {
            if (!regions.contains(region)) {
                throw new IllegalArgumentException("region " + region + " is not one of regions " + regions);
            }
            if (unsandboxed && !localMachines) {
                throw new IllegalStateException("unsandboxed() applies to localMachines(): call localMachines() too "
                        + "(a machineHost(...) is sandboxed or not by its own settings)");
            }
            try {
                return new LocalEc2(this);
            } catch (IOException e) {
                throw new UncheckedIOException("LocalEc2 could not start on port " + port, e);
            }
        }
    }
}
