package dev.kiln.testkit.ec2;

import dev.kiln.testkit.ec2.internal.state.Image;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An image (AMI) of a {@link LocalEc2} as it was when asked for: its metadata as DescribeImages shows it, and its
 * captured files, read-only ({@link ReadOnlyFiles}). A test checks what a build baked without an EC2 client and
 * without knowing where LocalEc2 keeps images.
 *
 * <pre>{@code
 * ImageView image = localEc2.image("us-east-1", amiId);
 * assertThat(image.state()).isEqualTo("available");
 * assertThat(image.tags()).containsEntry("Name", "web");
 * assertThat(image.file("/etc/motd")).contains("Built with Kiln");
 * }</pre>
 */
public final class ImageView extends ReadOnlyFiles {
    private final String region;
    private final String id;
    private final String name;
    private final String description;
    private final String state;
    private final String ownerId;
    private final Instant creationDate;
    private final Map<String, String> tags;
    private final List<BlockDeviceMapping> blockDevices;

    /** The view of {@code image}; the caller holds the LocalEc2 lock. */
    ImageView(String region, Image image) {
        super(image.root, "image " + image.id + " in " + region,
                "it is a base image, which boots a fresh layout and holds no captured files");
        this.region = region;
        this.id = image.id;
        this.name = image.name;
        this.description = image.description;
        this.state = image.state;
        this.ownerId = image.ownerId;
        this.creationDate = image.creationDate;
        this.tags = Collections.unmodifiableMap(new TreeMap<>(image.tags));
        this.blockDevices = image.blockDevices();
    }

    /** The region it is in, e.g. {@code us-east-1}. */
    public String region() {
        return region;
    }

    /** The AMI id, e.g. {@code ami-0123456789abcdef0}. */
    public String id() {
        return id;
    }

    /** The AMI name it was created with. */
    public String name() {
        return name;
    }

    /** The description, when it has one. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The state as EC2 names it: {@code pending}, {@code available} or {@code failed}. */
    public String state() {
        return state;
    }

    /** The account that owns it. */
    public String ownerId() {
        return ownerId;
    }

    /** When it was created. */
    public Instant creationDate() {
        return creationDate;
    }

    /** Its tags, sorted by key. */
    public Map<String, String> tags() {
        return tags;
    }

    /** Its block devices, as DescribeImages lists them. */
    public List<BlockDeviceMapping> blockDevices() {
        return blockDevices;
    }

    @Override
    public String toString() {
        return "image " + id + " (" + name + ", " + state + ") in " + region;
    }
}
