package dev.kiln.testkit.ec2;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A public image LocalEc2 offers in every region from the start, like the Amazon Linux or Ubuntu AMIs on AWS.
 * {@link #AMAZON_LINUX_2} and {@link #UBUNTU_16_04} are there by default; add more with
 * {@link LocalEc2.Builder#baseImage(BaseImage)}.
 *
 * <pre>{@code
 * BaseImage debian = BaseImage.builder().id("ami-0123456789abcdef0").name("debian-10-amd64-20201207")
 *         .ownerId("136693071363").defaultUser("admin").build();
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

    private final String id;
    private final String name;
    private final String description;
    private final String ownerId;
    private final String ownerAlias;
    private final String defaultUser;
    private final Path root;

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
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("BaseImage." + field + " is required");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

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

    @Override
    public boolean equals(Object o) {
        return o instanceof BaseImage other && id.equals(other.id) && name.equals(other.name)
                && Objects.equals(description, other.description) && ownerId.equals(other.ownerId)
                && Objects.equals(ownerAlias, other.ownerAlias) && defaultUser.equals(other.defaultUser)
                && Objects.equals(root, other.root);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, ownerId);
    }

    @Override
    public String toString() {
        return "BaseImage[" + id + " " + name + ", owner " + ownerId + ", user " + defaultUser + "]";
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
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder ownerId(String ownerId) {
            this.ownerId = ownerId;
            return this;
        }

        public Builder ownerAlias(String ownerAlias) {
            this.ownerAlias = ownerAlias;
            return this;
        }

        public Builder defaultUser(String defaultUser) {
            this.defaultUser = defaultUser;
            return this;
        }

        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        public BaseImage build() {
            return new BaseImage(this);
        }
    }
}
