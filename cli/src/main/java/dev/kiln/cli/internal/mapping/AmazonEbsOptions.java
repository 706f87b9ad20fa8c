package dev.kiln.cli.internal.mapping;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AwsCredentialsSource;
import dev.kiln.aws.BlockDevice;
import dev.kiln.aws.KeyPairConfig;
import dev.kiln.aws.KeyPairType;
import dev.kiln.aws.MetadataOptions;
import dev.kiln.aws.SshInterface;
import dev.kiln.cli.internal.interpolate.TemplateContext;
import dev.kiln.cli.internal.template.OptionReader;
import dev.kiln.core.Secret;
import dev.kiln.core.spec.Problem;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;

/**
 * Packer's {@code amazon-ebs} options, by their Packer names, onto {@link AmazonEbs.Builder} (the README's
 * "For Packer users" table); the tags and description, which may read the build template data, through
 * {@link BuildDataOptions}. Options Kiln lacks are reported by name; Kiln's own problems with the result are
 * renamed from Kiln's field names ({@code amiName}) to Packer's ({@code ami_name}).
 *
 * <pre>{@code
 * AmazonEbs ebs = AmazonEbsOptions.map("amazon-ebs", reader, mapping, buildCtx, label, problems);
 * }</pre>
 */
public final class AmazonEbsOptions {
    /** Kiln's field names, as its validation reports them, and the Packer options they come from. */
    static final Map<String, String> PACKER_NAMES = Map.ofEntries(
            Map.entry("region", "region"), Map.entry("credentials", "access_key"),
            Map.entry("endpointOverride", "custom_endpoint_ec2"), Map.entry("maxAttempts", "max_retries"),
            Map.entry("sourceAmi", "source_ami"), Map.entry("sourceAmiFilter", "source_ami_filter"),
            Map.entry("instanceType", "instance_type"), Map.entry("vpcId", "vpc_id"),
            Map.entry("subnetId", "subnet_id"), Map.entry("iamInstanceProfile", "iam_instance_profile"),
            Map.entry("userData", "user_data"), Map.entry("userDataFile", "user_data_file"),
            Map.entry("shutdownBehavior", "shutdown_behavior"), Map.entry("metadataOptions", "metadata_options"),
            Map.entry("sshUsername", "ssh_username"), Map.entry("sshPort", "ssh_port"),
            Map.entry("sshHost", "ssh_host"), Map.entry("sshTimeout", "ssh_timeout"),
            Map.entry("keyPair", "ssh_keypair_name"), Map.entry("temporaryKeyPairType", "temporary_key_pair_type"),
            Map.entry("securityGroupIds", "security_group_ids"),
            Map.entry("temporarySecurityGroupSourceCidrs", "temporary_security_group_source_cidrs"),
            Map.entry("amiName", "ami_name"), Map.entry("amiDescription", "ami_description"),
            Map.entry("amiRegions", "ami_regions"), Map.entry("amiUsers", "ami_users"),
            Map.entry("amiGroups", "ami_groups"), Map.entry("kmsKeyId", "kms_key_id"),
            Map.entry("regionKmsKeyIds", "region_kms_key_ids"),
            Map.entry("forceDeleteSnapshot", "force_delete_snapshot"));

    private static final String SUPPORTED = String.join(", ", List.of("region", "access_key", "secret_key", "token",
            "profile", "custom_endpoint_ec2", "skip_region_validation", "max_retries", "source_ami", "source_ami_filter",
            "instance_type",
            "vpc_id", "subnet_id", "associate_public_ip_address", "iam_instance_profile", "user_data",
            "user_data_file", "run_tags", "run_volume_tags", "launch_block_device_mappings", "shutdown_behavior",
            "metadata_options", "communicator", "ssh_username", "ssh_port", "ssh_interface", "ssh_host",
            "ssh_timeout", "ssh_keypair_name", "ssh_private_key_file", "temporary_key_pair_type",
            "security_group_id", "security_group_ids", "temporary_security_group_source_cidrs", "ami_name",
            "ami_description", "tags", "snapshot_tags", "ami_block_device_mappings", "ami_regions", "ami_users",
            "ami_groups", "encrypt_boot", "kms_key_id", "region_kms_key_ids", "force_deregister",
            "force_delete_snapshot", "skip_create_ami"));

    private AmazonEbsOptions() {
    }

    /**
     * The amazon-ebs source for build {@code name}, whose options the reader holds rendered in {@code buildCtx}
     * but for {@link BuildDataOptions#OPTIONS}, held as written; problems go to {@code problems}, named under the
     * reader's label.
     */
    public static AmazonEbs map(String name, OptionReader o, MappingContext mapping, TemplateContext buildCtx,
            String label, List<Problem> problems) {
        AmazonEbs.Builder b = AmazonEbs.builder().name(name);
        BuildDataOptions duringBuild = new BuildDataOptions(buildCtx, o);
        credentials(o, b);
        o.string("region", b::region);
        // Kiln checks a region name against the AWS SDK's list only without custom_endpoint_ec2 (an unknown one
        // is then an error naming it), so the option changes nothing; it is read so that Packer's templates load
        o.bool("skip_region_validation", skip -> { });
        o.string("custom_endpoint_ec2", url -> b.endpointOverride(URI.create(url)));
        o.integer("max_retries", retries -> b.maxAttempts(retries + 1));
        o.string("source_ami", b::sourceAmi);
        sourceAmiFilter(o, b);
        o.string("instance_type", b::instanceType);
        o.string("vpc_id", b::vpcId);
        o.string("subnet_id", b::subnetId);
        o.bool("associate_public_ip_address", b::associatePublicIpAddress);
        o.string("iam_instance_profile", b::iamInstanceProfile);
        o.string("user_data", b::userData);
        o.string("user_data_file", file -> b.userDataFile(mapping.resolve(file)));
        duringBuild.tags("run_tags", b::runTags, b::runTag);
        duringBuild.tags("run_volume_tags", b::volumeTags, b::volumeTag);
        b.launchBlockDevices(blockDevices(o, "launch_block_device_mappings"));
        o.string("shutdown_behavior", value -> shutdownBehavior(o, value, b));
        metadataOptions(o, b);
        o.string("communicator", value -> {
            if (!value.equals("ssh")) {
                o.problem("communicator", "is '" + value + "', which Kiln does not support",
                        "use \"ssh\" (the default), the only communicator Kiln has");
            }
        });
        o.string("ssh_username", b::sshUsername);
        o.integer("ssh_port", b::sshPort);
        o.string("ssh_interface", value -> sshInterface(o, value, b));
        o.string("ssh_host", b::sshHost);
        o.duration("ssh_timeout", b::sshTimeout);
        keyPair(o, mapping, b);
        o.string("temporary_key_pair_type", value -> keyPairType(o, value, b));
        List<String> groups = new ArrayList<>();
        o.string("security_group_id", groups::add);
        o.stringList("security_group_ids", groups::addAll);
        b.securityGroupIds(groups);
        o.stringList("temporary_security_group_source_cidrs", b::temporarySecurityGroupSourceCidrs);
        o.string("ami_name", b::amiName);
        duringBuild.text("ami_description", b::amiDescription, b::amiDescription);
        duringBuild.tags("tags", b::amiTags, b::amiTag);
        duringBuild.tags("snapshot_tags", b::snapshotTags, b::snapshotTag);
        b.amiBlockDevices(blockDevices(o, "ami_block_device_mappings"));
        o.stringList("ami_regions", b::amiRegions);
        o.stringList("ami_users", b::amiUsers);
        o.stringList("ami_groups", b::amiGroups);
        o.bool("encrypt_boot", b::encryptBoot);
        o.string("kms_key_id", b::kmsKeyId);
        o.stringMap("region_kms_key_ids", b::regionKmsKeyIds);
        o.bool("force_deregister", b::forceDeregister);
        o.bool("force_delete_snapshot", b::forceDeleteSnapshot);
        o.bool("skip_create_ami", b::skipCreateImage);
        o.reportUnread("amazon-ebs", SUPPORTED);
        AmazonEbs ebs = b.build();
        ebs.validate().forEach(p -> problems.add(PackerNames.rename(p, label, PACKER_NAMES)));
        return ebs;
    }

    private static void credentials(OptionReader o, AmazonEbs.Builder b) {
        AtomicReference<String> access = new AtomicReference<>();
        AtomicReference<String> secret = new AtomicReference<>();
        AtomicReference<String> token = new AtomicReference<>();
        o.string("access_key", access::set);
        o.string("secret_key", secret::set);
        o.string("token", token::set);
        o.string("profile", profile -> b.credentials(AwsCredentialsSource.profile(profile)));
        boolean hasAccess = access.get() != null && !access.get().isEmpty();
        boolean hasSecret = secret.get() != null && !secret.get().isEmpty();
        if (hasAccess && hasSecret) {
            b.credentials(token.get() == null || token.get().isEmpty()
                    ? AwsCredentialsSource.staticKeys(Secret.of(access.get()), Secret.of(secret.get()))
                    : AwsCredentialsSource.staticKeys(Secret.of(access.get()), Secret.of(secret.get()),
                            Secret.of(token.get())));
        } else if (hasAccess != hasSecret) {
            o.problem(hasAccess ? "secret_key" : "access_key", "is empty while "
                    + (hasAccess ? "access_key" : "secret_key") + " is set",
                    "set both access_key and secret_key, or neither to use the AWS SDK's default credentials");
        }
    }

    private static void sourceAmiFilter(OptionReader o, AmazonEbs.Builder b) {
        OptionReader filter = o.object("source_ami_filter");
        if (filter == null) {
            return;
        }
        b.sourceAmiFilter(f -> {
            filter.stringMap("filters", filters -> filters.forEach((key, value) -> {
                if (key.equals("name")) {
                    f.name(value);
                } else {
                    f.filter(key, value);
                }
            }));
            filter.stringList("owners", f::owners);
            filter.bool("most_recent", f::mostRecent);
            filter.reportUnread("source_ami_filter", "filters, owners, most_recent");
        });
    }

    private static List<BlockDevice> blockDevices(OptionReader o, String option) {
        List<BlockDevice> devices = new ArrayList<>();
        for (OptionReader d : o.objects(option)) {
            BlockDevice.Builder device = BlockDevice.builder();
            d.string("device_name", device::deviceName);
            d.integer("volume_size", device::volumeSize);
            d.string("volume_type", device::volumeType);
            d.integer("iops", device::iops);
            d.integer("throughput", device::throughput);
            d.bool("delete_on_termination", device::deleteOnTermination);
            d.bool("encrypted", device::encrypted);
            d.string("kms_key_id", device::kmsKeyId);
            d.string("snapshot_id", device::snapshotId);
            d.string("virtual_name", device::virtualName);
            d.bool("no_device", device::noDevice);
            d.reportUnread("a block device mapping", "device_name, volume_size, volume_type, iops, throughput, "
                    + "delete_on_termination, encrypted, kms_key_id, snapshot_id, virtual_name, no_device");
            devices.add(device.build());
        }
        return devices;
    }

    private static void shutdownBehavior(OptionReader o, String value, AmazonEbs.Builder b) {
        ShutdownBehavior behavior = ShutdownBehavior.fromValue(value.toLowerCase(Locale.ROOT));
        if (behavior == ShutdownBehavior.UNKNOWN_TO_SDK_VERSION) {
            o.problem("shutdown_behavior", "is '" + value + "'", "use \"stop\" or \"terminate\"");
        } else {
            b.shutdownBehavior(behavior);
        }
    }

    private static void metadataOptions(OptionReader o, AmazonEbs.Builder b) {
        OptionReader m = o.object("metadata_options");
        if (m == null) {
            return;
        }
        AtomicReference<String> endpoint = new AtomicReference<>("enabled");
        AtomicReference<String> tokens = new AtomicReference<>("optional");
        AtomicReference<Integer> hops = new AtomicReference<>(1);
        AtomicReference<String> tags = new AtomicReference<>("disabled");
        m.string("http_endpoint", endpoint::set);
        m.string("http_tokens", tokens::set);
        m.integer("http_put_response_hop_limit", hops::set);
        m.string("instance_metadata_tags", tags::set);
        m.reportUnread("metadata_options", "http_endpoint, http_tokens, http_put_response_hop_limit, "
                + "instance_metadata_tags");
        b.metadataOptions(new MetadataOptions(choice(m, "http_endpoint", endpoint.get(), "enabled", "disabled"),
                choice(m, "http_tokens", tokens.get(), "required", "optional"), hops.get(),
                choice(m, "instance_metadata_tags", tags.get(), "enabled", "disabled")));
    }

    /** True for {@code yes}, false for {@code no}; anything else is a problem naming both. */
    private static boolean choice(OptionReader m, String option, String value, String yes, String no) {
        if (!value.equals(yes) && !value.equals(no)) {
            m.problem(option, "is '" + value + "'", "use \"" + yes + "\" or \"" + no + "\"");
        }
        return value.equals(yes);
    }

    private static void sshInterface(OptionReader o, String value, AmazonEbs.Builder b) {
        switch (value) {
            case "public_ip" -> b.sshInterface(SshInterface.PUBLIC_IP);
            case "private_ip" -> b.sshInterface(SshInterface.PRIVATE_IP);
            case "public_dns" -> b.sshInterface(SshInterface.PUBLIC_DNS);
            case "private_dns" -> b.sshInterface(SshInterface.PRIVATE_DNS);
            default -> o.problem("ssh_interface", "is '" + value + "', which Kiln does not support",
                    "use public_ip, private_ip, public_dns or private_dns");
        }
    }

    private static void keyPair(OptionReader o, MappingContext mapping, AmazonEbs.Builder b) {
        AtomicReference<String> name = new AtomicReference<>();
        AtomicReference<String> file = new AtomicReference<>();
        o.string("ssh_keypair_name", name::set);
        o.string("ssh_private_key_file", file::set);
        if (name.get() == null && file.get() == null) {
            return;
        }
        if (name.get() == null || file.get() == null) {
            o.problem(name.get() == null ? "ssh_private_key_file" : "ssh_keypair_name", "is set without "
                    + (name.get() == null ? "ssh_keypair_name" : "ssh_private_key_file"),
                    "set both, to use an existing EC2 key pair, or neither for a temporary key pair");
            return;
        }
        try {
            String key = Files.readString(mapping.resolve(file.get()), StandardCharsets.UTF_8);
            b.keyPair(KeyPairConfig.existing(name.get(), Secret.of(key)));
        } catch (IOException e) {
            o.problem("ssh_private_key_file", "can't be read: " + file.get(),
                    "point it at the private key of the key pair " + name.get());
        }
    }

    private static void keyPairType(OptionReader o, String value, AmazonEbs.Builder b) {
        switch (value) {
            case "rsa" -> b.temporaryKeyPairType(KeyPairType.RSA);
            case "ed25519" -> b.temporaryKeyPairType(KeyPairType.ED25519);
            default -> o.problem("temporary_key_pair_type", "is '" + value + "'", "use \"rsa\" or \"ed25519\"");
        }
    }
}
