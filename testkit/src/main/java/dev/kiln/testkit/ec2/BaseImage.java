package dev.kiln.testkit.ec2;

import dev.kiln.testkit.ec2.internal.RegionGate;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A public image LocalEc2 offers from the start, like the Amazon Linux or Ubuntu AMIs on AWS. As on AWS, an AMI id
 * exists only in the regions the image is registered in ({@link #regions()}, by default
 * {@link LocalEc2#DEFAULT_REGIONS}); CopyImage is the way to another region. {@link #AMAZON_LINUX_2} and
 * {@link #UBUNTU_16_04} are there by default; add more, such as {@link #WINDOWS_SERVER_2019}, with
 * {@link LocalEc2.Builder#baseImage(BaseImage)}.
 *
 * <pre>{@code
 * BaseImage debian = BaseImage.builder().id("ami-0123456789abcdef0").name("debian-10-amd64-20201207")
 *         .ownerId("136693071363").defaultUser("admin").regions("eu-west-1").build();
 * }</pre>
 */
public final class BaseImage {
    /** Amazon Linux 2, the image of the seed article's nginx template. */
    public static final BaseImage AMAZON_LINUX_2 = builder()
            .id("ami-0e6d2e8684d4ccb3e")
            .name("amzn2-ami-hvm-2.0.20181008-x86_64-gp2")
            .description("Amazon Linux 2 AMI 2.0.20181008 x86_64 HVM gp2")
            .ownerId("137112412989")
            .ownerAlias("amazon")
            .defaultUser("ec2-user")
            .build();

    /** Ubuntu 16.04 from Canonical. */
    public static final BaseImage UBUNTU_16_04 = builder()
            .id("ami-aa2ea6d0")
            .name("ubuntu/images/hvm-ssd/ubuntu-xenial-16.04-amd64-server-20180126")
            .description("Canonical, Ubuntu, 16.04 LTS, amd64 xenial image build on 2018-01-26")
            .ownerId("099720109477")
            .defaultUser("ubuntu")
            .build();

    /**
     * A Windows Server 2019 image from Amazon, not there by default. Its instances are the same local machines as
     * any other; what differs is what EC2 refuses for Windows, such as an ed25519 key pair at launch.
     */
    public static final BaseImage WINDOWS_SERVER_2019 = builder()
            .id("ami-0b9d4f2c8e6a1b357")
            .name("Windows_Server-2019-English-Full-Base-2020.12.09")
            .description("Microsoft Windows Server 2019 with Desktop Experience Locale English AMI provided by Amazon")
            .ownerId("801119661308")
            .ownerAlias("amazon")
            .defaultUser("Administrator")
            .platform(Platform.WINDOWS)
            .build();

    private final String id;
    private final String name;
    private final String description;
    private final String ownerId;
    private final String ownerAlias;
    private final String defaultUser;
    private final Path root;
    private final List<String> regions;
    private final Platform platform;

    private BaseImage(Builder b) {
        this.id = require(b.id, "id");
        if (!id.matches("ami-[0-9a-f]{8}([0-9a-f]{9})?")) {
            throw new IllegalArgumentException("id must look like ami- and 8 or 17 hex digits, got " + id);
        }
        this.name = require(b.name, "name");
        this.description = b.description;
        this.ownerId = require(b.ownerId, "ownerId");
        this.ownerAlias = b.ownerAlias;
        this.defaultUser = require(b.defaultUser, "defaultUser");
        this.root = b.root;
        if (b.regions.isEmpty()) {
            throw new IllegalArgumentException("BaseImage.regions must name at least one region, e.g. us-east-1");
        }
        List<String> unknown = RegionGate.unknown(b.regions);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("BaseImage.regions: " + unknown + " are no AWS regions of the SDK on the "
                    + "classpath (Region.regions()); name regions such as us-east-1");
        }
        this.regions = List.copyOf(b.regions);
        this.platform = Objects.requireNonNull(b.platform, "BaseImage.platform");
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("BaseImage." + field + " is required");
        }
        return value;
    }

    /** A builder with no fields set but {@link #regions()} and {@link #platform()} at their defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this image's fields, to make a variant of it. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The AMI id, e.g. {@code ami-0e6d2e8684d4ccb3e}. */
    public String id() {
        return id;
    }

    /** The AMI name, e.g. {@code amzn2-ami-hvm-2.0.20181008-x86_64-gp2}. */
    public String name() {
        return name;
    }

    /** The AMI description, if it has one. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The 12-digit account that owns the image. */
    public String ownerId() {
        return ownerId;
    }

    /** {@code amazon} for Amazon's own images (matched by the {@code amazon} owner), else empty. */
    public Optional<String> ownerAlias() {
        return Optional.ofNullable(ownerAlias);
    }

    /** The login user cloud-init sets up, e.g. {@code ec2-user}. */
    public String defaultUser() {
        return defaultUser;
    }

    /** Files an instance of this image starts from; empty for the machine host's fresh base layout. */
    public Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    /** The regions the image is registered in: elsewhere its id is {@code InvalidAMIID.NotFound}, as on EC2. */
    public List<String> regions() {
        return regions;
    }

    /** The image's platform, {@link Platform#LINUX} unless set. */
    public Platform platform() {
        return platform;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BaseImage other && id.equals(other.id) && name.equals(other.name)
                && Objects.equals(description, other.description) && ownerId.equals(other.ownerId)
                && Objects.equals(ownerAlias, other.ownerAlias) && defaultUser.equals(other.defaultUser)
                && Objects.equals(root, other.root) && regions.equals(other.regions) && platform == other.platform;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, ownerId);
    }

    @Override
    public String toString() {
        return "BaseImage[" + id + " " + name + ", owner " + ownerId + ", user " + defaultUser + ", " + platform
                + " in " + regions + "]";
    }

    /** The platform of an image, which decides what EC2 refuses at launch. */
    public enum Platform {
        /** Linux/UNIX. */
        LINUX,
        /** Windows: EC2 refuses to launch it with an ed25519 key pair. */
        WINDOWS
    }

    /** Builds a {@link BaseImage}; id, name, ownerId and defaultUser are required. */
    public static final class Builder {
        private String id;
        private String name;
        private String description;
        private String ownerId;
        private String ownerAlias;
        private String defaultUser;
        private Path root;
        private List<String> regions = LocalEc2.DEFAULT_REGIONS;
        private Platform platform = Platform.LINUX;

        private Builder() {
        }

        private Builder(BaseImage i) {
            id = i.id;
            name = i.name;
            description = i.description;
            ownerId = i.ownerId;
            ownerAlias = i.ownerAlias;
            defaultUser = i.defaultUser;
            root = i.root;
            regions = i.regions;
            platform = i.platform;
        }

        /** The AMI id: {@code ami-} and 8 or 17 hex digits; required. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The AMI name; required. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The AMI description; optional. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The account that owns the image; required. */
        public Builder ownerId(String ownerId) {
            this.ownerId = ownerId;
            return this;
        }

        /** {@code amazon} for Amazon's own images; optional. */
        public Builder ownerAlias(String ownerAlias) {
            this.ownerAlias = ownerAlias;
            return this;
        }

        /** The login user of its instances, e.g. {@code ec2-user}; required. */
        public Builder defaultUser(String defaultUser) {
            this.defaultUser = defaultUser;
            return this;
        }

        /** Files its instances start from; default the machine host's fresh base layout. */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /** The regions the image is registered in; default {@link LocalEc2#DEFAULT_REGIONS}. */
        public Builder regions(String... regions) {
            return regions(List.of(regions));
        }

        /** The regions the image is registered in; default {@link LocalEc2#DEFAULT_REGIONS}. */
        public Builder regions(List<String> regions) {
            this.regions = List.copyOf(regions);
            return this;
        }

        /** The image's platform; default {@link Platform#LINUX}. */
        public Builder platform(Platform platform) {
            this.platform = platform;
            return this;
        }

        /** The image; an {@link IllegalArgumentException} names a missing or invalid field. */
        public BaseImage build() {
            return new BaseImage(this);
        }
    }
}
