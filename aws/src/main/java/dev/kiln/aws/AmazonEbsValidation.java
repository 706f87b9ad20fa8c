package dev.kiln.aws;

import dev.kiln.aws.internal.KnownNames;
import dev.kiln.core.spec.Problem;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;

/**
 * Checks an {@link AmazonEbs} configuration without any network call and collects every problem.
 *
 * <p>Region names ({@code region}, {@code amiRegions}, the keys of {@code regionKmsKeyIds}) must be regions of
 * the AWS SDK on the classpath ({@link Region#regions()}, without the global pseudo-regions such as
 * {@code aws-global}), and {@code instanceType} one of its {@link InstanceType#knownValues()}, so a typo fails
 * here, with a "did you mean" when a known name is close, rather than on AWS once resources exist. With an
 * {@code endpointOverride}, an EC2-compatible endpoint may have its own region names and instance types: an
 * unknown name is then accepted with a warning, kept in {@link #warnings()} and logged at WARN once per JVM, however
 * often the configuration is validated. An injected EC2
 * client is taken to call AWS.
 */
final class AmazonEbsValidation {
    private static final Logger LOG = LoggerFactory.getLogger(AmazonEbs.class);
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
    private static final KnownNames REGIONS = KnownNames.of(
            Region.regions().stream().filter(r -> !r.isGlobalRegion()).map(Region::id).toList());
    private static final KnownNames INSTANCE_TYPES = KnownNames.of(
            InstanceType.knownValues().stream().map(InstanceType::toString).toList());
    private static final Pattern ENDPOINT_REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern AMI_ID = Pattern.compile("ami-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern AMI_NAME = Pattern.compile("[A-Za-z0-9()\\[\\] ./'@_-]{3,128}");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern GROUP_ID = Pattern.compile("sg-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern IPV4_CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");
    private final AmazonEbs c;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    AmazonEbsValidation(AmazonEbs config) {
        this.c = config;
    }

    List<Problem> problems() {
        access();
        source();
        instance();
        connection();
        securityGroup();
        image();
        problems.addAll(c.waits().validate("waits"));
        warnings.stream().filter(LOGGED::add).forEach(LOG::warn);
        return List.copyOf(problems);
    }

    /** What {@link #problems()} accepted but logged a warning about, e.g. a region only the endpoint knows. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private void add(String field, String problem, String fix) {
        problems.add(new Problem(field, problem, fix));
    }

    /** Checks a region name given in {@code field}; returns whether it may be used. */
    private boolean knownRegion(String field, String region) {
        if (REGIONS.contains(region)) {
            return true;
        }
        String guess = REGIONS.didYouMean(region).orElse(null);
        if (c.endpointOverride() == null) {
            add(field, "'" + region + "' is not an AWS region", guess != null ? guess
                    : "use a region of the AWS SDK on the classpath (Region.regions()), e.g. us-east-1; a region "
                            + "newer than that SDK needs a newer SDK, and an EC2-compatible endpoint's own region "
                            + "names need endpointOverride(...)");
            return false;
        }
        if (region == null || !ENDPOINT_REGION.matcher(region).matches()) {
            add(field, "'" + region + "' is not a region name", guess != null ? guess
                    : "name the endpoint's region in lowercase letters, digits and hyphens, e.g. us-east-1");
            return false;
        }
        acceptForEndpoint(field, "'" + region + "' is not an AWS region", guess);
        return true;
    }

    private void acceptForEndpoint(String field, String problem, String guess) {
        warnings.add(field + ": " + problem + (guess == null ? "" : " (" + guess + ")")
                + "; accepted because endpointOverride " + c.endpointOverride() + " may have its own names");
    }

    private void access() {
        if (c.name() == null || c.name().isBlank()) {
            add("name", "is empty", "name the source, e.g. \"amazon-ebs\"");
        }
        if (c.region() == null || c.region().isBlank()) {
            add("region", "is not set", "set the region to build in, e.g. region(\"us-east-1\")");
        } else {
            knownRegion("region", c.region());
        }
        problems.addAll(c.credentials().validate("credentials"));
        if (c.endpointOverride() != null && (c.endpointOverride().getScheme() == null
                || !c.endpointOverride().getScheme().matches("https?") || c.endpointOverride().getHost() == null)) {
            add("endpointOverride", "'" + c.endpointOverride() + "' is not an http(s) URL",
                    "give the endpoint's URL, e.g. http://127.0.0.1:4566");
        }
        if (c.ec2Client() != null && c.ec2Clients() != null) {
            add("ec2Client", "is set together with ec2Clients", "set one of them: ec2Clients covers every region");
        }
        boolean injected = c.ec2Client() != null || c.ec2Clients() != null;
        if (injected && c.endpointOverride() != null) {
            add("endpointOverride", "is set together with an injected EC2 client, which would ignore it",
                    "configure the endpoint on your own client, or drop the injected client");
        }
        if (injected && !c.credentials().equals(AwsCredentialsSource.defaultChain())) {
            add("credentials", "are set together with an injected EC2 client, which would ignore them",
                    "configure credentials on your own client, or drop the injected client");
        }
        if (c.ec2Client() != null && !c.amiRegions().isEmpty()) {
            add("ec2Client", "serves one region but amiRegions asks for " + c.amiRegions(),
                    "use ec2Clients(region -> client) to give a client for every region");
        }
        if (c.retryMode() == null || c.retryMode() == RetryMode.LEGACY) {
            add("retryMode", "is " + c.retryMode(), "use RetryMode.STANDARD (the default) or RetryMode.ADAPTIVE");
        }
        if (c.maxAttempts() < 1) {
            add("maxAttempts", "is " + c.maxAttempts() + ", below 1", "give 1 or more attempts per call, e.g. 10");
        }
    }

    private void source() {
        List<String> sources = new ArrayList<>();
        if (c.sourceAmi() != null) {
            sources.add("sourceAmi");
        }
        if (c.sourceAmiFilter() != null) {
            sources.add("sourceAmiFilter");
        }
        if (c.sourceAmiFromImage() != null) {
            sources.add("sourceAmiFromImage");
        }
        if (sources.size() > 1) {
            add(sources.get(0), "is set together with " + String.join(" and ", sources.subList(1, sources.size())),
                    "set only one of sourceAmi, sourceAmiFilter and sourceAmiFromImage");
        } else if (sources.isEmpty()) {
            add("sourceAmi", "is not set, nor is sourceAmiFilter or sourceAmiFromImage",
                    "set sourceAmi(\"ami-...\"), sourceAmiFilter(f -> f.owners(...).name(...)) or "
                            + "sourceAmiFromImage(\"base\") for an image of the same pipeline");
        }
        if (c.sourceAmiFromImage() != null && c.sourceAmiFromImage().isBlank()) {
            add("sourceAmiFromImage", "is blank", "name the pipeline image to start from, e.g. \"base\"");
        }
        if (c.sourceAmi() != null && !AMI_ID.matcher(c.sourceAmi()).matches()) {
            add("sourceAmi", "'" + c.sourceAmi() + "' is not an AMI id", "give an id like ami-0abcdef1234567890");
        }
        SourceAmiFilter filter = c.sourceAmiFilter();
        if (filter != null) {
            if (filter.owners().isEmpty()) {
                add("sourceAmiFilter.owners", "is empty, so any account's image could match",
                        "name the owners you trust, e.g. owners(\"amazon\") or an account id");
            }
            if (filter.name() == null && filter.filters().isEmpty()) {
                add("sourceAmiFilter", "has neither a name pattern nor a filter", "add name(\"pattern-*\") or filter(...)");
            }
        }
    }

    private void instance() {
        if (c.instanceType() == null || c.instanceType().isBlank()) {
            add("instanceType", "is not set", "set an instance type, e.g. instanceType(\"t2.micro\")");
        } else {
            knownInstanceType();
        }
        if (c.subnetId() != null && !SUBNET_ID.matcher(c.subnetId()).matches()) {
            add("subnetId", "'" + c.subnetId() + "' is not a subnet id", "give an id like subnet-0abc1234");
        }
        if (c.vpcId() != null && !VPC_ID.matcher(c.vpcId()).matches()) {
            add("vpcId", "'" + c.vpcId() + "' is not a VPC id", "give an id like vpc-0abc1234");
        }
        if (c.userData() != null && c.userDataFile() != null) {
            add("userData", "is set together with userDataFile", "set only one of userData and userDataFile");
        }
        if (c.userDataFile() != null && !Files.isRegularFile(c.userDataFile())) {
            add("userDataFile", "'" + c.userDataFile() + "' is not a readable file",
                    "give the path of an existing file, or use userData(\"...\")");
        }
        tags("runTags", c.runTags());
        tags("volumeTags", c.volumeTags());
        blockDevices("launchBlockDevices", c.launchBlockDevices());
        if (c.shutdownBehavior() == null
                || c.shutdownBehavior() == ShutdownBehavior.UNKNOWN_TO_SDK_VERSION) {
            add("shutdownBehavior", "is " + c.shutdownBehavior(), "use ShutdownBehavior.STOP or TERMINATE");
        } else if (c.shutdownBehavior() == ShutdownBehavior.TERMINATE
                && !c.skipCreateImage()) {
            add("shutdownBehavior", "is TERMINATE, so stopping the instance to image it would destroy it",
                    "use ShutdownBehavior.STOP, or skipCreateImage(true)");
        }
        MetadataOptions metadata = c.metadataOptions();
        if (metadata != null && (metadata.hopLimit() < 1 || metadata.hopLimit() > 64)) {
            add("metadataOptions.hopLimit", "is " + metadata.hopLimit(), "use a hop limit from 1 to 64");
        }
    }

    private void knownInstanceType() {
        String type = c.instanceType();
        if (INSTANCE_TYPES.contains(type)) {
            return;
        }
        String problem = "'" + type + "' is not an EC2 instance type";
        String guess = INSTANCE_TYPES.didYouMean(type).orElse(null);
        if (c.endpointOverride() != null) {
            acceptForEndpoint("instanceType", problem, guess);
        } else {
            add("instanceType", problem, guess != null ? guess : "use a type the AWS SDK on the classpath knows "
                    + "(InstanceType.knownValues(); see https://aws.amazon.com/ec2/instance-types/), e.g. t3.micro; "
                    + "a type newer than that SDK needs a newer SDK");
        }
    }

    private void connection() {
        if (c.sshUsername() == null || c.sshUsername().isBlank()) {
            add("sshUsername", "is empty", "set the image's login user, e.g. sshUsername(\"ec2-user\")");
        }
        if (c.sshPort() < 1 || c.sshPort() > 65535) {
            add("sshPort", "is " + c.sshPort() + ", not a TCP port", "use a port from 1 to 65535, usually 22");
        }
        if (c.sshInterface() != null && c.sshHost() != null) {
            add("sshHost", "is set together with sshInterface " + c.sshInterface(),
                    "set sshHost to connect to a fixed host, or sshInterface to pick an instance address, not both");
        }
        if (c.sshHost() != null && c.sshHost().isBlank()) {
            add("sshHost", "is blank", "give a host name or address, or leave it unset");
        }
        positive("sshTimeout", c.sshTimeout(), "e.g. Duration.ofMinutes(5)");
        if (c.sshHostKeyFromConsole() && c.sshHostKeyPolicy() != null) {
            add("sshHostKeyFromConsole", "is set together with sshHostKeyPolicy",
                    "pin the key from the console output, or give your own policy, not both");
        }
        if (c.temporaryKeyPairType() == null) {
            add("temporaryKeyPairType", "is null", "use KeyPairType.RSA (the default), KeyPairType.RSA_4096 or KeyPairType.ED25519");
        }
        KeyPairConfig key = c.keyPair();
        if (key == null) {
            add("keyPair", "is null", "use KeyPairConfig.temporary() or KeyPairConfig.existing(name, privateKey)");
        } else if (!key.isTemporary()) {
            if (key.existingName() == null || key.existingName().isBlank()) {
                add("keyPair", "names no existing key pair", "give the EC2 key pair's name, or use KeyPairConfig.temporary()");
            }
            if (key.privateKey() == null || key.privateKey().isEmpty()) {
                add("keyPair", "existing key pair '" + key.existingName() + "' has no private key",
                        "give its private key: KeyPairConfig.existing(name, Secret.of(privateKeyText))");
            }
        }
    }

    private void securityGroup() {
        for (String id : c.securityGroupIds()) {
            if (id == null || !GROUP_ID.matcher(id).matches()) {
                add("securityGroupIds", "'" + id + "' is not a security group id", "give ids like sg-0abc1234");
            }
        }
        boolean existing = !c.securityGroupIds().isEmpty();
        if (existing && !c.temporarySecurityGroupSourceCidrs().isEmpty()) {
            add("temporarySecurityGroupSourceCidrs", "is set, but securityGroupIds means no temporary group is made",
                    "drop one of securityGroupIds and temporarySecurityGroupSourceCidrs");
        }
        if (existing && c.temporarySecurityGroupSourcePublicIpFrom() != null) {
            add("temporarySecurityGroupSourcePublicIpFrom", "is set, but securityGroupIds means no temporary group is made",
                    "drop one of securityGroupIds and temporarySecurityGroupSourcePublicIpFrom");
        }
        if (!c.temporarySecurityGroupSourceCidrs().isEmpty() && c.temporarySecurityGroupSourcePublicIpFrom() != null) {
            add("temporarySecurityGroupSourcePublicIpFrom", "is set together with temporarySecurityGroupSourceCidrs",
                    "give the CIDRs yourself, or let the check URL find your address, not both");
        }
        for (String cidr : c.temporarySecurityGroupSourceCidrs()) {
            if (cidr == null || !IPV4_CIDR.matcher(cidr).matches()) {
                add("temporarySecurityGroupSourceCidrs", "'" + cidr + "' is not an IPv4 CIDR",
                        "write address/prefix, e.g. 203.0.113.7/32");
            }
        }
        URI check = c.temporarySecurityGroupSourcePublicIpFrom();
        if (check != null && (check.getScheme() == null || !check.getScheme().matches("https?"))) {
            add("temporarySecurityGroupSourcePublicIpFrom", "'" + check + "' is not an http(s) URL",
                    "give a URL that answers with your public IP, e.g. https://checkip.amazonaws.com");
        }
    }

    private void image() {
        if (c.skipCreateImage()) {
            if (c.skipIfExists()) {
                add("skipIfExists", "is set together with skipCreateImage, which makes no image to reuse",
                        "drop one of skipIfExists and skipCreateImage");
            }
        } else if (c.amiName() == null || c.amiName().isBlank()) {
            add("amiName", "is not set", "name the AMI, e.g. amiName(\"packer-base-\" + timestamp)");
        } else if (!AMI_NAME.matcher(c.amiName()).matches()) {
            add("amiName", "'" + c.amiName() + "' is not a valid AMI name",
                    "use 3 to 128 characters of letters, digits, spaces and ()[]./'@_-");
        }
        if (c.amiDescription() != null && c.amiDescription().length() > 255) {
            add("amiDescription", "is " + c.amiDescription().length() + " characters long", "keep it to 255 characters");
        }
        tags("amiTags", c.amiTags());
        tags("snapshotTags", c.snapshotTags());
        blockDevices("amiBlockDevices", c.amiBlockDevices());
        Set<String> seen = new HashSet<>();
        for (String region : c.amiRegions()) {
            if (!knownRegion("amiRegions", region)) {
                continue;
            }
            if (!seen.add(region)) {
                add("amiRegions", "lists " + region + " twice", "list each region once");
            } else if (region.equals(c.region())) {
                add("amiRegions", "lists the build region " + region, "list only the other regions to copy to");
            }
        }
        for (String group : c.amiGroups()) {
            if (!"all".equals(group)) {
                add("amiGroups", "'" + group + "' is not a launch group", "use \"all\" to make the AMI public, or drop it");
            }
        }
        for (String user : c.amiUsers()) {
            if (user == null || !ACCOUNT_ID.matcher(user).matches()) {
                add("amiUsers", "'" + user + "' is not an account id", "give 12-digit AWS account ids");
            }
        }
        if (c.kmsKeyId() != null && !Boolean.TRUE.equals(c.encryptBoot())) {
            add("kmsKeyId", "is set but encryptBoot is not true", "set encryptBoot(true), or drop kmsKeyId");
        }
        if (!c.regionKmsKeyIds().isEmpty() && !Boolean.TRUE.equals(c.encryptBoot())) {
            add("regionKmsKeyIds", "is set but encryptBoot is not true", "set encryptBoot(true), or drop regionKmsKeyIds");
        }
        for (String region : c.regionKmsKeyIds().keySet()) {
            if (knownRegion("regionKmsKeyIds", region) && !c.amiRegions().contains(region) && !region.equals(c.region())) {
                add("regionKmsKeyIds", "has a key for " + region + ", which the AMI is not copied to",
                        "add " + region + " to amiRegions, or drop its key");
            }
        }
        if (Boolean.TRUE.equals(c.encryptBoot()) && !c.amiUsers().isEmpty() && c.kmsKeyId() == null) {
            add("amiUsers", "cannot launch an AMI encrypted with the default KMS key",
                    "give a kmsKeyId shared with those accounts, or drop amiUsers");
        }
        if (c.forceDeleteSnapshot() && !c.forceDeregister()) {
            add("forceDeleteSnapshot", "is set without forceDeregister", "set forceDeregister(true) too, or drop it");
        }
    }

    private void tags(String field, Map<String, String> tags) {
        c.tagKeysFromBuildData().get(field).forEach(key -> tagKey(field, key));
        tags.forEach((key, value) -> {
            tagKey(field, key);
            if (value == null || value.length() > 256) {
                add(field, "has tag '" + key + "' with " + (value == null ? "no value" : "a value over 256 characters"),
                        "give a value of at most 256 characters (may be empty)");
            }
        });
    }

    private void tagKey(String field, String key) {
        if (key == null || key.isEmpty() || key.length() > 128) {
            add(field, "has a tag key of " + (key == null ? 0 : key.length()) + " characters",
                    "use tag keys of 1 to 128 characters");
        } else if (key.startsWith("aws:") || key.startsWith("kiln:")) {
            add(field, "uses the reserved tag key '" + key + "'", "keys starting with aws: or kiln: are reserved; rename it");
        }
    }

    private void blockDevices(String field, List<BlockDevice> devices) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            BlockDevice d = devices.get(i);
            String at = field + "[" + i + "]";
            if (d.deviceName() == null || d.deviceName().isBlank()) {
                add(at + ".deviceName", "is not set", "name the device, e.g. /dev/xvda");
            } else if (!names.add(d.deviceName())) {
                add(at + ".deviceName", "maps " + d.deviceName() + " twice", "map each device once");
            }
            if (d.volumeSize() != null && d.volumeSize() < 1) {
                add(at + ".volumeSize", "is " + d.volumeSize() + " GiB", "give a size of at least 1 GiB");
            }
            if (d.kmsKeyId() != null && !Boolean.TRUE.equals(d.encrypted())) {
                add(at + ".kmsKeyId", "is set but encrypted is not true", "set encrypted(true), or drop kmsKeyId");
            }
        }
    }

    private void positive(String field, Duration value, String example) {
        if (value == null || value.isNegative() || value.isZero()) {
            add(field, "is " + value + ", not a positive duration", "give a positive duration, " + example);
        }
    }
}
