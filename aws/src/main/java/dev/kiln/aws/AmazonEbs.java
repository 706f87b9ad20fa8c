package dev.kiln.aws;

import dev.kiln.aws.internal.EbsBuild;
import dev.kiln.core.Buildable;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.builder.Builder;
import dev.kiln.core.builder.Machine;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import dev.kiln.ssh.HostKeyPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;

/**
 * Packer's amazon-ebs builder in Java: launches an EC2 instance from a source AMI with a temporary key pair
 * and security group, hands it to the provisioners over SSH, stops it, creates an EBS-backed AMI, copies it
 * to other regions, and undoes every temporary resource, tagged {@code kiln:session} and
 * {@code kiln:temporary=true} so that {@link AmazonEbsJanitor} can find what a killed build left.
 *
 * <p>An immutable configuration; {@link #validate()} reports every problem without any network call.
 *
 * <p><b>What Kiln relies on from EC2, and what it does where an endpoint lacks it.</b>
 * <ul>
 * <li><i>Client tokens</i> on RunInstances and CopyImage: the SDK's retry after a lost answer gets the same
 *     instance or copy back, and a cancelled build finds an instance by its token. An endpoint that ignores them
 *     may make a second instance on such a retry; the build's cleanup still finds it by its {@code kiln:session}
 *     tag only if the endpoint keeps tags, so prefer endpoints that honour client tokens.</li>
 * <li><i>Unique names</i> for key pairs, security groups and AMIs in a region: a retry after a lost answer
 *     meets {@code InvalidKeyPair.Duplicate}, {@code InvalidGroup.Duplicate} or {@code InvalidAMIName.Duplicate},
 *     and the build takes the resource of that name as its own (for an AMI, only when it was made from the
 *     build's instance, {@code sourceInstanceId}, or carries the build's session tag).</li>
 * <li><i>Creation-time tags</i> (TagSpecifications): every resource is tagged as it is made, so nothing exists
 *     untagged. Where an endpoint answers a server error to a TagSpecification, the call is made once more
 *     without it, the build warns once and tags with CreateTags right after creation instead.</li>
 * <li><i>Retries</i>: the SDK's retry strategy rides out throttling and lost answers. A server error on a call
 *     that creates something is not retried by the SDK (a blind retry could make a second resource, and ten of
 *     them take half a minute); Kiln's own single retry without tags is the only one.</li>
 * <li><i>Cancel</i>: a call that creates something runs on a thread of its own, so a cancel ends the step at
 *     once; the undo waits for the call's answer, or finds what it made by token, name or tag.</li>
 * <li><i>Key types</i>: the temporary key pair is RSA by default ({@link KeyPairType}); an endpoint that refuses
 *     ed25519 answers {@code InvalidKeyPair.Format}, and the build says to choose RSA.</li>
 * </ul>
 *
 * <pre>{@code
 * AmazonEbs ebs = AmazonEbs.builder()
 *     .region("us-east-1")
 *     .sourceAmiFilter(f -> f.owners("amazon").name("amzn2-ami-hvm-*-x86_64-gp2").mostRecent(true))
 *     .instanceType("t2.micro")
 *     .sshUsername("ec2-user")
 *     .temporarySecurityGroupSourceCidrs("203.0.113.7/32")
 *     .amiName("packer-base-" + System.currentTimeMillis())
 *     .amiRegions("us-west-2")
 *     .build();
 * }</pre>
 *
 * <p>To build on a LocalEc2 in tests, see {@code AmazonEbsOnLocalEc2.builder(localEc2)} in the artifact
 * {@code kiln-testkit-aws} (package {@code dev.kiln.testkit.aws}): it sets the endpoint, credentials, SSH port,
 * temporary security group source and waits for it, and leaves the image's own settings to the caller.
 */
public final class AmazonEbs implements Builder {
    /** The builder type, as in Packer's manifest. */
    public static final String TYPE = "amazon-ebs";

    private final String name;
    private final String region;
    private final AwsCredentialsSource credentials;
    private final URI endpointOverride;
    private final Ec2Client ec2Client;
    private final Function<String, Ec2Client> ec2Clients;
    private final RetryMode retryMode;
    private final int maxAttempts;
    private final String sourceAmi;
    private final SourceAmiFilter sourceAmiFilter;
    private final String sourceAmiFromImage;
    private final String instanceType;
    private final String vpcId;
    private final String subnetId;
    private final Boolean associatePublicIpAddress;
    private final String iamInstanceProfile;
    private final String userData;
    private final Path userDataFile;
    private final Map<String, String> runTags;
    private final Map<String, String> volumeTags;
    private final List<BlockDevice> launchBlockDevices;
    private final ShutdownBehavior shutdownBehavior;
    private final MetadataOptions metadataOptions;
    private final Consumer<RunInstancesRequest.Builder> runInstancesCustomizer;
    private final String sshUsername;
    private final int sshPort;
    private final SshInterface sshInterface;
    private final String sshHost;
    private final Duration sshTimeout;
    private final KeyPairConfig keyPair;
    private final KeyPairType temporaryKeyPairType;
    private final HostKeyPolicy sshHostKeyPolicy;
    private final boolean sshHostKeyFromConsole;
    private final List<String> securityGroupIds;
    private final List<String> temporarySecurityGroupSourceCidrs;
    private final URI temporarySecurityGroupSourcePublicIpFrom;
    private final String amiName;
    private final String amiDescription;
    private final Map<String, String> amiTags;
    private final Map<String, String> snapshotTags;
    private final Map<String, Function<BuildData, String>> runTagsFromBuildData;
    private final Map<String, Function<BuildData, String>> volumeTagsFromBuildData;
    private final Function<BuildData, String> amiDescriptionFromBuildData;
    private final Map<String, Function<BuildData, String>> amiTagsFromBuildData;
    private final Map<String, Function<BuildData, String>> snapshotTagsFromBuildData;
    private final List<BlockDevice> amiBlockDevices;
    private final List<String> amiRegions;
    private final List<String> amiUsers;
    private final List<String> amiGroups;
    private final Boolean encryptBoot;
    private final String kmsKeyId;
    private final Map<String, String> regionKmsKeyIds;
    private final boolean forceDeregister;
    private final boolean forceDeleteSnapshot;
    private final boolean skipCreateImage;
    private final boolean skipIfExists;
    private final Waits waits;

    private AmazonEbs(Builder b) {
        name = b.name;
        region = b.region;
        credentials = b.credentials;
        endpointOverride = b.endpointOverride;
        ec2Client = b.ec2Client;
        ec2Clients = b.ec2Clients;
        retryMode = b.retryMode;
        maxAttempts = b.maxAttempts;
        sourceAmi = b.sourceAmi;
        sourceAmiFilter = b.sourceAmiFilter;
        sourceAmiFromImage = b.sourceAmiFromImage;
        instanceType = b.instanceType;
        vpcId = b.vpcId;
        subnetId = b.subnetId;
        associatePublicIpAddress = b.associatePublicIpAddress;
        iamInstanceProfile = b.iamInstanceProfile;
        userData = b.userData;
        userDataFile = b.userDataFile;
        runTags = Collections.unmodifiableMap(new LinkedHashMap<>(b.runTags));
        volumeTags = Collections.unmodifiableMap(new LinkedHashMap<>(b.volumeTags));
        launchBlockDevices = List.copyOf(b.launchBlockDevices);
        shutdownBehavior = b.shutdownBehavior;
        metadataOptions = b.metadataOptions;
        runInstancesCustomizer = b.runInstancesCustomizer;
        sshUsername = b.sshUsername;
        sshPort = b.sshPort;
        sshInterface = b.sshInterface;
        sshHost = b.sshHost;
        sshTimeout = b.sshTimeout;
        keyPair = b.keyPair;
        temporaryKeyPairType = b.temporaryKeyPairType;
        sshHostKeyPolicy = b.sshHostKeyPolicy;
        sshHostKeyFromConsole = b.sshHostKeyFromConsole;
        securityGroupIds = List.copyOf(b.securityGroupIds);
        temporarySecurityGroupSourceCidrs = List.copyOf(b.temporarySecurityGroupSourceCidrs);
        temporarySecurityGroupSourcePublicIpFrom = b.temporarySecurityGroupSourcePublicIpFrom;
        amiName = b.amiName;
        amiDescription = b.amiDescription;
        amiTags = Collections.unmodifiableMap(new LinkedHashMap<>(b.amiTags));
        snapshotTags = Collections.unmodifiableMap(new LinkedHashMap<>(b.snapshotTags));
        runTagsFromBuildData = Collections.unmodifiableMap(new LinkedHashMap<>(b.runTagsFromBuildData));
        volumeTagsFromBuildData = Collections.unmodifiableMap(new LinkedHashMap<>(b.volumeTagsFromBuildData));
        amiDescriptionFromBuildData = b.amiDescriptionFromBuildData;
        amiTagsFromBuildData = Collections.unmodifiableMap(new LinkedHashMap<>(b.amiTagsFromBuildData));
        snapshotTagsFromBuildData = Collections.unmodifiableMap(new LinkedHashMap<>(b.snapshotTagsFromBuildData));
        amiBlockDevices = List.copyOf(b.amiBlockDevices);
        amiRegions = List.copyOf(b.amiRegions);
        amiUsers = List.copyOf(b.amiUsers);
        amiGroups = List.copyOf(b.amiGroups);
        encryptBoot = b.encryptBoot;
        kmsKeyId = b.kmsKeyId;
        regionKmsKeyIds = Collections.unmodifiableMap(new LinkedHashMap<>(b.regionKmsKeyIds));
        forceDeregister = b.forceDeregister;
        forceDeleteSnapshot = b.forceDeleteSnapshot;
        skipCreateImage = b.skipCreateImage;
        skipIfExists = b.skipIfExists;
        waits = b.waits;
    }

    /** Starts a configuration with Packer's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name(name);
        b.region(region);
        b.credentials(credentials);
        b.endpointOverride(endpointOverride);
        b.ec2Client(ec2Client);
        b.ec2Clients(ec2Clients);
        b.retryMode(retryMode);
        b.maxAttempts(maxAttempts);
        b.sourceAmi(sourceAmi);
        b.sourceAmiFilter(sourceAmiFilter);
        b.sourceAmiFromImage(sourceAmiFromImage);
        b.instanceType(instanceType);
        b.vpcId(vpcId);
        b.subnetId(subnetId);
        b.associatePublicIpAddress(associatePublicIpAddress);
        b.iamInstanceProfile(iamInstanceProfile);
        b.userData(userData);
        b.userDataFile(userDataFile);
        b.runTags(runTags);
        b.volumeTags(volumeTags);
        b.launchBlockDevices(launchBlockDevices);
        b.shutdownBehavior(shutdownBehavior);
        b.metadataOptions(metadataOptions);
        b.runInstancesCustomizer(runInstancesCustomizer);
        b.sshUsername(sshUsername);
        b.sshPort(sshPort);
        b.sshInterface(sshInterface);
        b.sshHost(sshHost);
        b.sshTimeout(sshTimeout);
        b.keyPair(keyPair);
        b.temporaryKeyPairType(temporaryKeyPairType);
        b.sshHostKeyPolicy(sshHostKeyPolicy);
        b.sshHostKeyFromConsole(sshHostKeyFromConsole);
        b.securityGroupIds(securityGroupIds);
        b.temporarySecurityGroupSourceCidrs(temporarySecurityGroupSourceCidrs);
        b.temporarySecurityGroupSourcePublicIpFrom(temporarySecurityGroupSourcePublicIpFrom);
        b.amiName(amiName);
        b.amiDescription(amiDescription);
        b.amiTags(amiTags);
        b.snapshotTags(snapshotTags);
        b.runTagsFromBuildData.putAll(runTagsFromBuildData);
        b.volumeTagsFromBuildData.putAll(volumeTagsFromBuildData);
        b.amiDescriptionFromBuildData = amiDescriptionFromBuildData;
        b.amiTagsFromBuildData.putAll(amiTagsFromBuildData);
        b.snapshotTagsFromBuildData.putAll(snapshotTagsFromBuildData);
        b.amiBlockDevices(amiBlockDevices);
        b.amiRegions(amiRegions);
        b.amiUsers(amiUsers);
        b.amiGroups(amiGroups);
        b.encryptBoot(encryptBoot);
        b.kmsKeyId(kmsKeyId);
        b.regionKmsKeyIds(regionKmsKeyIds);
        b.forceDeregister(forceDeregister);
        b.forceDeleteSnapshot(forceDeleteSnapshot);
        b.skipCreateImage(skipCreateImage);
        b.skipIfExists(skipIfExists);
        b.waits(waits);
        return b;
    }

    /** The source's name within the spec; the manifest's {@code name}. */
    public String name() {
        return name;
    }

    /** The region the source instance runs in and the AMI is created in, e.g. {@code us-east-1}. */
    public String region() {
        return region;
    }

    /** Where AWS credentials come from. */
    public AwsCredentialsSource credentials() {
        return credentials;
    }

    /** The EC2 endpoint to call instead of AWS's, e.g. LocalEc2's or LocalStack's; null for AWS. */
    public URI endpointOverride() {
        return endpointOverride;
    }

    /** A caller-built client for {@link #region()}, used as is and never closed by Kiln; null to build one. */
    public Ec2Client ec2Client() {
        return ec2Client;
    }

    /** A caller-built client per region name, used as is and never closed by Kiln; null to build them. */
    public Function<String, Ec2Client> ec2Clients() {
        return ec2Clients;
    }

    /** The SDK retry mode for throttling and transient errors: STANDARD or ADAPTIVE. */
    public RetryMode retryMode() {
        return retryMode;
    }

    /** The SDK's maximum attempts per EC2 call, the first one included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The source AMI id, e.g. {@code ami-0abcdef1234567890}; or use {@link #sourceAmiFilter()}. */
    public String sourceAmi() {
        return sourceAmi;
    }

    /** The filter that finds the source AMI; or use {@link #sourceAmi()}. */
    public SourceAmiFilter sourceAmiFilter() {
        return sourceAmiFilter;
    }

    /**
     * The name of the {@code ImagePipeline} image whose AMI (in {@link #region()}) is the source AMI, e.g. a
     * base image under an application image; or use {@link #sourceAmi()} or {@link #sourceAmiFilter()}.
     */
    public String sourceAmiFromImage() {
        return sourceAmiFromImage;
    }

    /** The source instance's type, e.g. {@code t2.micro}. */
    public String instanceType() {
        return instanceType;
    }

    /** The VPC for the temporary security group; null for the subnet's or the default VPC. */
    public String vpcId() {
        return vpcId;
    }

    /** The subnet to launch in; null for the default subnet. */
    public String subnetId() {
        return subnetId;
    }

    /** Whether the instance gets a public IP; null for the subnet's setting. */
    public Boolean associatePublicIpAddress() {
        return associatePublicIpAddress;
    }

    /** The IAM instance profile name or ARN for the source instance, or null. */
    public String iamInstanceProfile() {
        return iamInstanceProfile;
    }

    /** User data as text, or null. */
    public String userData() {
        return userData;
    }

    /** A file whose bytes are the user data, or null. */
    public Path userDataFile() {
        return userDataFile;
    }

    /** Tags on the source instance (Kiln adds its own {@code kiln:} tags), those with fixed values. */
    public Map<String, String> runTags() {
        return runTags;
    }

    /** Tags on the source instance's volumes, those with fixed values. */
    public Map<String, String> volumeTags() {
        return volumeTags;
    }

    /** The source instance's tags for a build that resolved {@code data}: the fixed ones and those computed from it. */
    public Map<String, String> runTags(BuildData data) {
        return withComputed("runTags", runTags, runTagsFromBuildData, data);
    }

    /** The source instance's volume tags for a build that resolved {@code data}. */
    public Map<String, String> volumeTags(BuildData data) {
        return withComputed("volumeTags", volumeTags, volumeTagsFromBuildData, data);
    }

    /** Block device mappings of the source instance. */
    public List<BlockDevice> launchBlockDevices() {
        return launchBlockDevices;
    }

    /** What the instance does on an OS shutdown: STOP (the default) or TERMINATE. */
    public ShutdownBehavior shutdownBehavior() {
        return shutdownBehavior;
    }

    /** The instance's metadata service options, or null for the AMI's defaults. */
    public MetadataOptions metadataOptions() {
        return metadataOptions;
    }

    /** Changes the RunInstances request after Kiln fills it in, for anything not modelled; null for none. */
    public Consumer<RunInstancesRequest.Builder> runInstancesCustomizer() {
        return runInstancesCustomizer;
    }

    /** The SSH login user, e.g. {@code ec2-user}. */
    public String sshUsername() {
        return sshUsername;
    }

    /** The SSH port. */
    public int sshPort() {
        return sshPort;
    }

    /** Which instance address to connect to; null for the public IP if any, else the private IP. */
    public SshInterface sshInterface() {
        return sshInterface;
    }

    /** An explicit host to connect to instead of an instance address, or null. */
    public String sshHost() {
        return sshHost;
    }

    /** How long to wait for SSH to become available. */
    public Duration sshTimeout() {
        return sshTimeout;
    }

    /** The key pair: temporary (the default) or existing. */
    public KeyPairConfig keyPair() {
        return keyPair;
    }

    /** The kind of key a temporary key pair is: {@link KeyPairType#RSA} unless set. */
    public KeyPairType temporaryKeyPairType() {
        return temporaryKeyPairType;
    }

    /**
     * How the instance's SSH host key is checked; null accepts any key, as Packer does (the instance is new and
     * its key unknown).
     */
    public HostKeyPolicy sshHostKeyPolicy() {
        return sshHostKeyPolicy;
    }

    /**
     * True to pin the SSH host key to the fingerprint the instance prints on its console at boot (read with
     * GetConsoleOutput, within sshTimeout), instead of accepting any key as Packer does.
     */
    public boolean sshHostKeyFromConsole() {
        return sshHostKeyFromConsole;
    }

    /** Existing security groups to launch with; empty for a temporary group. */
    public List<String> securityGroupIds() {
        return securityGroupIds;
    }

    /** The CIDRs the temporary security group lets reach the SSH port; empty for 0.0.0.0/0 (with a warning). */
    public List<String> temporarySecurityGroupSourceCidrs() {
        return temporarySecurityGroupSourceCidrs;
    }

    /** A check URL answering with the caller's public IP; the temporary group then opens SSH only to it (/32); null for none. */
    public URI temporarySecurityGroupSourcePublicIpFrom() {
        return temporarySecurityGroupSourcePublicIpFrom;
    }

    /** The AMI's name: 3 to 128 characters of letters, digits and {@code ()[] ./'@_-}. */
    public String amiName() {
        return amiName;
    }

    /** The AMI's description, or null (also when it is computed from the build data). */
    public String amiDescription() {
        return amiDescription;
    }

    /** The AMI's description for a build that resolved {@code data}, or null. */
    public String amiDescription(BuildData data) {
        return amiDescriptionFromBuildData == null ? amiDescription
                : computed("amiDescription", amiDescriptionFromBuildData, data);
    }

    /** Tags on the AMI and its snapshots, in every region, those with fixed values. */
    public Map<String, String> amiTags() {
        return amiTags;
    }

    /** The AMI's tags for a build that resolved {@code data}: the fixed ones and those computed from it. */
    public Map<String, String> amiTags(BuildData data) {
        return withComputed("amiTags", amiTags, amiTagsFromBuildData, data);
    }

    /** Tags on the AMI's snapshots, in every region, over its AMI tags; those with fixed values. */
    public Map<String, String> snapshotTags() {
        return snapshotTags;
    }

    /** The snapshots' tags for a build that resolved {@code data}: the fixed ones and those computed from it. */
    public Map<String, String> snapshotTags(BuildData data) {
        return withComputed("snapshotTags", snapshotTags, snapshotTagsFromBuildData, data);
    }

    /** Whether a tag or the description is computed from the {@link BuildData}. */
    public boolean usesBuildData() {
        return amiDescriptionFromBuildData != null || !runTagsFromBuildData.isEmpty()
                || !volumeTagsFromBuildData.isEmpty() || !amiTagsFromBuildData.isEmpty()
                || !snapshotTagsFromBuildData.isEmpty();
    }

    /** The keys of the tags computed from the build data, per field, for validation. */
    Map<String, Set<String>> tagKeysFromBuildData() {
        return Map.of("runTags", runTagsFromBuildData.keySet(), "volumeTags", volumeTagsFromBuildData.keySet(),
                "amiTags", amiTagsFromBuildData.keySet(), "snapshotTags", snapshotTagsFromBuildData.keySet());
    }

    private static Map<String, String> withComputed(String field, Map<String, String> fixed,
            Map<String, Function<BuildData, String>> computed, BuildData data) {
        Map<String, String> out = new LinkedHashMap<>(fixed);
        computed.forEach((key, value) -> out.put(key, computed(field + " '" + key + "'", value, data)));
        return Collections.unmodifiableMap(out);
    }

    private static String computed(String field, Function<BuildData, String> value, BuildData data) {
        String text = value.apply(data);
        if (text == null) {
            throw new IllegalStateException(field + " computed from the build data is null; return a string "
                    + "(empty for none)");
        }
        return text;
    }

    /** Extra block device mappings of the AMI. */
    public List<BlockDevice> amiBlockDevices() {
        return amiBlockDevices;
    }

    /** Regions besides {@link #region()} to copy the AMI to. */
    public List<String> amiRegions() {
        return amiRegions;
    }

    /** Account ids allowed to launch the AMI. */
    public List<String> amiUsers() {
        return amiUsers;
    }

    /** Groups allowed to launch the AMI ({@code all} makes it public). */
    public List<String> amiGroups() {
        return amiGroups;
    }

    /** Whether to encrypt the AMI's boot volume; null to keep the source's encryption. */
    public Boolean encryptBoot() {
        return encryptBoot;
    }

    /** The KMS key for the boot volume in {@link #region()}; needs encryptBoot(true). */
    public String kmsKeyId() {
        return kmsKeyId;
    }

    /** The KMS key per region for the region copies. */
    public Map<String, String> regionKmsKeyIds() {
        return regionKmsKeyIds;
    }

    /** Deregisters an own AMI of the same name before creating the new one. */
    public boolean forceDeregister() {
        return forceDeregister;
    }

    /** With forceDeregister, also deletes the old AMI's snapshots. */
    public boolean forceDeleteSnapshot() {
        return forceDeleteSnapshot;
    }

    /** Runs the build without creating an AMI (to test provisioning). */
    public boolean skipCreateImage() {
        return skipCreateImage;
    }

    /** Tags the AMI with the spec's fingerprint and reuses an available AMI with the same one instead of building. */
    public boolean skipIfExists() {
        return skipIfExists;
    }

    /** The poll delay and maximum wait of each EC2 state the build waits for. */
    public Waits waits() {
        return waits;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Problem> validate() {
        return new AmazonEbsValidation(this).problems();
    }

    /** The image named by {@link #sourceAmiFromImage()}, if any: the pipeline builds it first. */
    @Override
    public Set<String> upstreamImages() {
        return sourceAmiFromImage == null ? Set.of() : Set.of(sourceAmiFromImage);
    }

    /**
     * Adds what determines the image: the region set, the source AMI or its filter, the instance type, block
     * devices, user data bytes, encryption and launch permissions. Not the AMI name (it usually holds a
     * timestamp), tags or credentials. For {@link #sourceAmiFromImage()} only the upstream image's name: the
     * pipeline chains that image's fingerprint into this one's.
     */
    @Override
    public void fingerprint(Fingerprinter f) {
        f.put("amazon-ebs.region", region);
        f.put("amazon-ebs.amiRegions", String.join(",", new TreeSet<>(amiRegions)));
        f.put("amazon-ebs.sourceAmi", sourceAmi);
        if (sourceAmiFromImage != null) {
            f.put("amazon-ebs.sourceAmiFromImage", sourceAmiFromImage);
        }
        if (sourceAmiFilter != null) {
            f.put("amazon-ebs.sourceAmiFilter.owners", String.join(",", new TreeSet<>(sourceAmiFilter.owners())));
            f.put("amazon-ebs.sourceAmiFilter.name", sourceAmiFilter.name());
            f.put("amazon-ebs.sourceAmiFilter.filters", new TreeMap<>(sourceAmiFilter.filters()).toString());
            f.put("amazon-ebs.sourceAmiFilter.mostRecent", String.valueOf(sourceAmiFilter.mostRecent()));
        }
        f.put("amazon-ebs.instanceType", instanceType);
        f.put("amazon-ebs.launchBlockDevices", launchBlockDevices.toString());
        f.put("amazon-ebs.amiBlockDevices", amiBlockDevices.toString());
        if (userData != null) {
            f.put("amazon-ebs.userData", userData.getBytes(StandardCharsets.UTF_8));
        }
        if (userDataFile != null) {
            f.putFile("amazon-ebs.userData", userDataFile);
        }
        f.put("amazon-ebs.encryptBoot", String.valueOf(encryptBoot));
        f.put("amazon-ebs.kmsKeyId", kmsKeyId);
        f.put("amazon-ebs.regionKmsKeyIds", new TreeMap<>(regionKmsKeyIds).toString());
        f.put("amazon-ebs.amiUsers", String.join(",", new TreeSet<>(amiUsers)));
        f.put("amazon-ebs.amiGroups", String.join(",", new TreeSet<>(amiGroups)));
    }

    /**
     * With {@link #skipIfExists()}: finds an own {@code available} AMI tagged {@code kiln:fingerprint} with
     * this build's fingerprint, in every region of the build, and returns it without launching anything.
     */
    @Override
    public Optional<Artifact> findExisting(BuildContext context) throws Exception {
        if (!skipIfExists) {
            return Optional.empty();
        }
        return new EbsBuild(this, context).findExisting();
    }

    @Override
    public Machine launch(BuildContext context) throws Exception {
        return new EbsBuild(this, context).launch();
    }

    @Override
    public Artifact capture(BuildContext context, Machine machine) throws Exception {
        return new EbsBuild(this, context).capture(machine);
    }

    @Override
    public String toString() {
        return "AmazonEbs{name=" + name + ", region=" + region + ", credentials=" + credentials + ", sourceAmi="
                + sourceAmi + ", sourceAmiFilter=" + sourceAmiFilter + ", instanceType=" + instanceType
                + ", sshUsername=" + sshUsername + ", keyPair=" + keyPair + ", amiName=" + amiName
                + ", amiRegions=" + amiRegions + "}";
    }

    /** Collects an amazon-ebs configuration; {@link #build()} does not validate (see {@link AmazonEbs#validate()}). */
    public static final class Builder implements Buildable<AmazonEbs> {
        private String name = "amazon-ebs";
        private String region;
        private AwsCredentialsSource credentials = AwsCredentialsSource.defaultChain();
        private URI endpointOverride;
        private Ec2Client ec2Client;
        private Function<String, Ec2Client> ec2Clients;
        private RetryMode retryMode = RetryMode.STANDARD;
        private int maxAttempts = 10;
        private String sourceAmi;
        private SourceAmiFilter sourceAmiFilter;
        private String sourceAmiFromImage;
        private String instanceType;
        private String vpcId;
        private String subnetId;
        private Boolean associatePublicIpAddress;
        private String iamInstanceProfile;
        private String userData;
        private Path userDataFile;
        private final Map<String, String> runTags = new LinkedHashMap<>();
        private final Map<String, String> volumeTags = new LinkedHashMap<>();
        private final List<BlockDevice> launchBlockDevices = new ArrayList<>();
        private ShutdownBehavior shutdownBehavior = ShutdownBehavior.STOP;
        private MetadataOptions metadataOptions;
        private Consumer<RunInstancesRequest.Builder> runInstancesCustomizer;
        private String sshUsername;
        private int sshPort = 22;
        private SshInterface sshInterface;
        private String sshHost;
        private Duration sshTimeout = Duration.ofMinutes(5);
        private KeyPairConfig keyPair = KeyPairConfig.temporary();
        private KeyPairType temporaryKeyPairType = KeyPairType.RSA;
        private HostKeyPolicy sshHostKeyPolicy;
        private boolean sshHostKeyFromConsole;
        private final List<String> securityGroupIds = new ArrayList<>();
        private final List<String> temporarySecurityGroupSourceCidrs = new ArrayList<>();
        private URI temporarySecurityGroupSourcePublicIpFrom;
        private String amiName;
        private String amiDescription;
        private final Map<String, String> amiTags = new LinkedHashMap<>();
        private final Map<String, String> snapshotTags = new LinkedHashMap<>();
        private final Map<String, Function<BuildData, String>> runTagsFromBuildData = new LinkedHashMap<>();
        private final Map<String, Function<BuildData, String>> volumeTagsFromBuildData = new LinkedHashMap<>();
        private Function<BuildData, String> amiDescriptionFromBuildData;
        private final Map<String, Function<BuildData, String>> amiTagsFromBuildData = new LinkedHashMap<>();
        private final Map<String, Function<BuildData, String>> snapshotTagsFromBuildData = new LinkedHashMap<>();
        private final List<BlockDevice> amiBlockDevices = new ArrayList<>();
        private final List<String> amiRegions = new ArrayList<>();
        private final List<String> amiUsers = new ArrayList<>();
        private final List<String> amiGroups = new ArrayList<>();
        private Boolean encryptBoot;
        private String kmsKeyId;
        private final Map<String, String> regionKmsKeyIds = new LinkedHashMap<>();
        private boolean forceDeregister = false;
        private boolean forceDeleteSnapshot = false;
        private boolean skipCreateImage = false;
        private boolean skipIfExists = false;
        private Waits waits = Waits.defaults();

        private Builder() {
        }

        /** Sets name: the source's name within the spec; the manifest's {@code name}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets region: the region the source instance runs in and the AMI is created in, e.g. {@code us-east-1}.
         * It must be a region of the AWS SDK on the classpath; with {@link #endpointOverride(URI)}, an
         * EC2-compatible endpoint's own region name is accepted with a warning.
         */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Sets credentials: where AWS credentials come from. */
        public Builder credentials(AwsCredentialsSource credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Sets endpointOverride: the EC2 endpoint to call instead of AWS's, e.g. LocalEc2's or LocalStack's; null for AWS. */
        public Builder endpointOverride(URI endpointOverride) {
            this.endpointOverride = endpointOverride;
            return this;
        }

        /** Sets ec2Client: a caller-built client for {@link #region()}, used as is and never closed by Kiln; null to build one. */
        public Builder ec2Client(Ec2Client ec2Client) {
            this.ec2Client = ec2Client;
            return this;
        }

        /** Sets ec2Clients: a caller-built client per region name, used as is and never closed by Kiln; null to build them. */
        public Builder ec2Clients(Function<String, Ec2Client> ec2Clients) {
            this.ec2Clients = ec2Clients;
            return this;
        }

        /** Sets retryMode: the SDK retry mode for throttling and transient errors: STANDARD or ADAPTIVE. */
        public Builder retryMode(RetryMode retryMode) {
            this.retryMode = retryMode;
            return this;
        }

        /** Sets maxAttempts: the SDK's maximum attempts per EC2 call, the first one included. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Sets sourceAmi: the source AMI id, e.g. {@code ami-0abcdef1234567890}; or use {@link #sourceAmiFilter()}. */
        public Builder sourceAmi(String sourceAmi) {
            this.sourceAmi = sourceAmi;
            return this;
        }

        /** Sets sourceAmiFilter: the filter that finds the source AMI; or use {@link #sourceAmi()}. */
        public Builder sourceAmiFilter(SourceAmiFilter sourceAmiFilter) {
            this.sourceAmiFilter = sourceAmiFilter;
            return this;
        }

        /**
         * Sets sourceAmiFromImage: starts from the AMI that the named image of the same {@code ImagePipeline}
         * made in this build's region; or use {@link #sourceAmi(String)} or {@link #sourceAmiFilter(SourceAmiFilter)}.
         */
        public Builder sourceAmiFromImage(String imageName) {
            this.sourceAmiFromImage = imageName;
            return this;
        }

        /**
         * Sets instanceType: the source instance's type, e.g. {@code t2.micro}. It must be a type of the AWS SDK
         * on the classpath; with {@link #endpointOverride(URI)}, an EC2-compatible endpoint's own type is
         * accepted with a warning.
         */
        public Builder instanceType(String instanceType) {
            this.instanceType = instanceType;
            return this;
        }

        /** Sets vpcId: the VPC for the temporary security group; null for the subnet's or the default VPC. */
        public Builder vpcId(String vpcId) {
            this.vpcId = vpcId;
            return this;
        }

        /** Sets subnetId: the subnet to launch in; null for the default subnet. */
        public Builder subnetId(String subnetId) {
            this.subnetId = subnetId;
            return this;
        }

        /** Sets associatePublicIpAddress: whether the instance gets a public IP; null for the subnet's setting. */
        public Builder associatePublicIpAddress(Boolean associatePublicIpAddress) {
            this.associatePublicIpAddress = associatePublicIpAddress;
            return this;
        }

        /** Sets iamInstanceProfile: the IAM instance profile name or ARN for the source instance, or null. */
        public Builder iamInstanceProfile(String iamInstanceProfile) {
            this.iamInstanceProfile = iamInstanceProfile;
            return this;
        }

        /** Sets userData: user data as text, or null. */
        public Builder userData(String userData) {
            this.userData = userData;
            return this;
        }

        /** Sets userDataFile: a file whose bytes are the user data, or null. */
        public Builder userDataFile(Path userDataFile) {
            this.userDataFile = userDataFile;
            return this;
        }

        /** Sets runTags: tags on the source instance (Kiln adds its own {@code kiln:} tags); replaces every run tag. */
        public Builder runTags(Map<String, String> runTags) {
            this.runTags.clear();
            runTagsFromBuildData.clear();
            this.runTags.putAll(runTags);
            return this;
        }

        /** Sets volumeTags: tags on the source instance's volumes; replaces every volume tag. */
        public Builder volumeTags(Map<String, String> volumeTags) {
            this.volumeTags.clear();
            volumeTagsFromBuildData.clear();
            this.volumeTags.putAll(volumeTags);
            return this;
        }

        /** Sets launchBlockDevices: block device mappings of the source instance. */
        public Builder launchBlockDevices(List<BlockDevice> launchBlockDevices) {
            this.launchBlockDevices.clear();
            this.launchBlockDevices.addAll(launchBlockDevices);
            return this;
        }

        /** Sets launchBlockDevices. */
        public Builder launchBlockDevices(BlockDevice... launchBlockDevices) {
            return launchBlockDevices(List.of(launchBlockDevices));
        }

        /** Sets shutdownBehavior: what the instance does on an OS shutdown: STOP (the default) or TERMINATE. */
        public Builder shutdownBehavior(ShutdownBehavior shutdownBehavior) {
            this.shutdownBehavior = shutdownBehavior;
            return this;
        }

        /** Sets metadataOptions: the instance's metadata service options, or null for the AMI's defaults. */
        public Builder metadataOptions(MetadataOptions metadataOptions) {
            this.metadataOptions = metadataOptions;
            return this;
        }

        /** Sets runInstancesCustomizer: changes the RunInstances request after Kiln fills it in, for anything not modelled; null for none. */
        public Builder runInstancesCustomizer(Consumer<RunInstancesRequest.Builder> runInstancesCustomizer) {
            this.runInstancesCustomizer = runInstancesCustomizer;
            return this;
        }

        /** Sets sshUsername: the SSH login user, e.g. {@code ec2-user}. */
        public Builder sshUsername(String sshUsername) {
            this.sshUsername = sshUsername;
            return this;
        }

        /** Sets sshPort: the SSH port. */
        public Builder sshPort(int sshPort) {
            this.sshPort = sshPort;
            return this;
        }

        /** Sets sshInterface: which instance address to connect to; null for the public IP if any, else the private IP. */
        public Builder sshInterface(SshInterface sshInterface) {
            this.sshInterface = sshInterface;
            return this;
        }

        /** Sets sshHost: an explicit host to connect to instead of an instance address, or null. */
        public Builder sshHost(String sshHost) {
            this.sshHost = sshHost;
            return this;
        }

        /** Sets sshTimeout: how long to wait for SSH to become available. */
        public Builder sshTimeout(Duration sshTimeout) {
            this.sshTimeout = sshTimeout;
            return this;
        }

        /** Sets keyPair: the key pair: temporary (the default) or existing. */
        public Builder keyPair(KeyPairConfig keyPair) {
            this.keyPair = keyPair;
            return this;
        }

        /**
         * Sets temporaryKeyPairType: the kind of key a temporary key pair is, {@link KeyPairType#RSA} (2048 bits,
         * the default), {@link KeyPairType#RSA_4096} or {@link KeyPairType#ED25519}. Packer's {@code temporary_key_pair_type}.
         */
        public Builder temporaryKeyPairType(KeyPairType temporaryKeyPairType) {
            this.temporaryKeyPairType = temporaryKeyPairType;
            return this;
        }

        /** Sets how the SSH host key is checked; null (the default) accepts any key. */
        public Builder sshHostKeyPolicy(HostKeyPolicy sshHostKeyPolicy) {
            this.sshHostKeyPolicy = sshHostKeyPolicy;
            return this;
        }

        /** Pins the SSH host key to the fingerprint on the instance's console. */
        public Builder sshHostKeyFromConsole(boolean sshHostKeyFromConsole) {
            this.sshHostKeyFromConsole = sshHostKeyFromConsole;
            return this;
        }

        /** Sets securityGroupIds: existing security groups to launch with; empty for a temporary group. */
        public Builder securityGroupIds(List<String> securityGroupIds) {
            this.securityGroupIds.clear();
            this.securityGroupIds.addAll(securityGroupIds);
            return this;
        }

        /** Sets securityGroupIds. */
        public Builder securityGroupIds(String... securityGroupIds) {
            return securityGroupIds(List.of(securityGroupIds));
        }

        /** Sets temporarySecurityGroupSourceCidrs: the CIDRs the temporary security group lets reach the SSH port; empty for 0.0.0.0/0 (with a warning). */
        public Builder temporarySecurityGroupSourceCidrs(List<String> temporarySecurityGroupSourceCidrs) {
            this.temporarySecurityGroupSourceCidrs.clear();
            this.temporarySecurityGroupSourceCidrs.addAll(temporarySecurityGroupSourceCidrs);
            return this;
        }

        /** Sets temporarySecurityGroupSourceCidrs. */
        public Builder temporarySecurityGroupSourceCidrs(String... temporarySecurityGroupSourceCidrs) {
            return temporarySecurityGroupSourceCidrs(List.of(temporarySecurityGroupSourceCidrs));
        }

        /** Sets temporarySecurityGroupSourcePublicIpFrom: a check URL answering with the caller's public IP; the temporary group then opens SSH only to it (/32); null for none. */
        public Builder temporarySecurityGroupSourcePublicIpFrom(URI temporarySecurityGroupSourcePublicIpFrom) {
            this.temporarySecurityGroupSourcePublicIpFrom = temporarySecurityGroupSourcePublicIpFrom;
            return this;
        }

        /** Sets amiName: the AMI's name: 3 to 128 characters of letters, digits and {@code ()[] ./'@_-}. */
        public Builder amiName(String amiName) {
            this.amiName = amiName;
            return this;
        }

        /** Sets amiDescription: the AMI's description, or null. */
        public Builder amiDescription(String amiDescription) {
            this.amiDescription = amiDescription;
            amiDescriptionFromBuildData = null;
            return this;
        }

        /**
         * Sets amiTags: tags on the AMI and, as in Packer, on its snapshots, in every region; replaces every AMI tag.
         */
        public Builder amiTags(Map<String, String> amiTags) {
            this.amiTags.clear();
            amiTagsFromBuildData.clear();
            this.amiTags.putAll(amiTags);
            return this;
        }

        /**
         * Sets snapshotTags: tags on the AMI's snapshots, in every region, which win over AMI tags of the same key;
         * replaces every snapshot tag.
         */
        public Builder snapshotTags(Map<String, String> snapshotTags) {
            this.snapshotTags.clear();
            snapshotTagsFromBuildData.clear();
            this.snapshotTags.putAll(snapshotTags);
            return this;
        }

        /** Sets amiBlockDevices: extra block device mappings of the AMI. */
        public Builder amiBlockDevices(List<BlockDevice> amiBlockDevices) {
            this.amiBlockDevices.clear();
            this.amiBlockDevices.addAll(amiBlockDevices);
            return this;
        }

        /** Sets amiBlockDevices. */
        public Builder amiBlockDevices(BlockDevice... amiBlockDevices) {
            return amiBlockDevices(List.of(amiBlockDevices));
        }

        /** Sets amiRegions: regions besides {@link #region()} to copy the AMI to. */
        public Builder amiRegions(List<String> amiRegions) {
            this.amiRegions.clear();
            this.amiRegions.addAll(amiRegions);
            return this;
        }

        /** Sets amiRegions. */
        public Builder amiRegions(String... amiRegions) {
            return amiRegions(List.of(amiRegions));
        }

        /** Sets amiUsers: account ids allowed to launch the AMI. */
        public Builder amiUsers(List<String> amiUsers) {
            this.amiUsers.clear();
            this.amiUsers.addAll(amiUsers);
            return this;
        }

        /** Sets amiUsers. */
        public Builder amiUsers(String... amiUsers) {
            return amiUsers(List.of(amiUsers));
        }

        /** Sets amiGroups: groups allowed to launch the AMI ({@code all} makes it public). */
        public Builder amiGroups(List<String> amiGroups) {
            this.amiGroups.clear();
            this.amiGroups.addAll(amiGroups);
            return this;
        }

        /** Sets amiGroups. */
        public Builder amiGroups(String... amiGroups) {
            return amiGroups(List.of(amiGroups));
        }

        /** Sets encryptBoot: whether to encrypt the AMI's boot volume; null to keep the source's encryption. */
        public Builder encryptBoot(Boolean encryptBoot) {
            this.encryptBoot = encryptBoot;
            return this;
        }

        /** Sets kmsKeyId: the KMS key for the boot volume in {@link #region()}; needs encryptBoot(true). */
        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        /** Sets regionKmsKeyIds: the KMS key per region for the region copies. */
        public Builder regionKmsKeyIds(Map<String, String> regionKmsKeyIds) {
            this.regionKmsKeyIds.clear();
            this.regionKmsKeyIds.putAll(regionKmsKeyIds);
            return this;
        }

        /** Sets forceDeregister: deregisters an own AMI of the same name before creating the new one. */
        public Builder forceDeregister(boolean forceDeregister) {
            this.forceDeregister = forceDeregister;
            return this;
        }

        /** Sets forceDeleteSnapshot: with forceDeregister, also deletes the old AMI's snapshots. */
        public Builder forceDeleteSnapshot(boolean forceDeleteSnapshot) {
            this.forceDeleteSnapshot = forceDeleteSnapshot;
            return this;
        }

        /** Sets skipCreateImage: runs the build without creating an AMI (to test provisioning). */
        public Builder skipCreateImage(boolean skipCreateImage) {
            this.skipCreateImage = skipCreateImage;
            return this;
        }

        /** Sets skipIfExists: tags the AMI with the spec's fingerprint and reuses an available AMI with the same one instead of building. */
        public Builder skipIfExists(boolean skipIfExists) {
            this.skipIfExists = skipIfExists;
            return this;
        }

        /** Sets waits: the poll delay and maximum wait of each EC2 state the build waits for. */
        public Builder waits(Waits waits) {
            this.waits = waits;
            return this;
        }

        /** Sets the source AMI filter through its builder. */
        public Builder sourceAmiFilter(Consumer<SourceAmiFilter.Builder> filter) {
            SourceAmiFilter.Builder b = SourceAmiFilter.builder();
            filter.accept(b);
            return sourceAmiFilter(b.build());
        }

        /** Adds one launch block device mapping through its builder. */
        public Builder addLaunchBlockDevice(Consumer<BlockDevice.Builder> device) {
            BlockDevice.Builder b = BlockDevice.builder();
            device.accept(b);
            launchBlockDevices.add(b.build());
            return this;
        }

        /** Adds one AMI block device mapping through its builder. */
        public Builder addAmiBlockDevice(Consumer<BlockDevice.Builder> device) {
            BlockDevice.Builder b = BlockDevice.builder();
            device.accept(b);
            amiBlockDevices.add(b.build());
            return this;
        }

        /** Changes the wait times, starting from the current ones. */
        public Builder waits(Consumer<Waits.Builder> change) {
            Waits.Builder b = waits.toBuilder();
            change.accept(b);
            return waits(b.build());
        }

        /** Adds one AMI tag. */
        public Builder amiTag(String key, String value) {
            amiTagsFromBuildData.remove(key);
            amiTags.put(key, value);
            return this;
        }

        /**
         * Adds one AMI tag whose value is computed from the {@link BuildData} once the source AMI is resolved,
         * e.g. {@code amiTag("Base_AMI_Name", BuildData::sourceAmiName)}.
         */
        public Builder amiTag(String key, Function<BuildData, String> value) {
            return computed(amiTags, amiTagsFromBuildData, key, value);
        }

        /** Adds one snapshot tag whose value is computed from the {@link BuildData}. */
        public Builder snapshotTag(String key, Function<BuildData, String> value) {
            return computed(snapshotTags, snapshotTagsFromBuildData, key, value);
        }

        /** Adds one run tag. */
        public Builder runTag(String key, String value) {
            runTagsFromBuildData.remove(key);
            runTags.put(key, value);
            return this;
        }

        /** Adds one run tag whose value is computed from the {@link BuildData}, before the instance is launched. */
        public Builder runTag(String key, Function<BuildData, String> value) {
            return computed(runTags, runTagsFromBuildData, key, value);
        }

        /** Adds one tag of the source instance's volumes whose value is computed from the {@link BuildData}. */
        public Builder volumeTag(String key, Function<BuildData, String> value) {
            return computed(volumeTags, volumeTagsFromBuildData, key, value);
        }

        private Builder computed(Map<String, String> fixed, Map<String, Function<BuildData, String>> computed,
                String key, Function<BuildData, String> value) {
            fixed.remove(key);
            computed.put(key, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets the AMI's description, computed from the {@link BuildData} before the AMI is created. */
        public Builder amiDescription(Function<BuildData, String> description) {
            amiDescription = null;
            amiDescriptionFromBuildData = Objects.requireNonNull(description, "description");
            return this;
        }

        /** The configuration. */
        public AmazonEbs build() {
            return new AmazonEbs(this);
        }
    }
}
