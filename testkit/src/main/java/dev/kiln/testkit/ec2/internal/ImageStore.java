package dev.kiln.testkit.ec2.internal;

import dev.kiln.core.internal.FileTrees;
import dev.kiln.testkit.ec2.internal.state.Image;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Keeps images in the data directory so that a later LocalEc2 on the same directory finds them:
 * {@code images/<region>/<ami-id>/image.properties} for the metadata, {@code .../root/} for the captured files.
 */
public final class ImageStore {
    private static final String TAG = "tag.";

    private final Path imagesDir;

    public ImageStore(Path dataDir) {
        this.imagesDir = dataDir.resolve("images");
    }

    /** Where an image's captured files live. */
    public Path rootOf(String region, String imageId) {
        return imagesDir.resolve(region).resolve(imageId).resolve("root");
    }

    public void save(String region, Image image) {
        Properties p = new Properties();
        p.setProperty("id", image.id);
        p.setProperty("name", image.name);
        set(p, "description", image.description);
        p.setProperty("ownerId", image.ownerId);
        p.setProperty("creationDate", image.creationDate.toString());
        p.setProperty("defaultUser", image.defaultUser);
        set(p, "platform", image.platform);
        set(p, "snapshotId", image.snapshotId);
        set(p, "sourceInstanceId", image.sourceInstanceId);
        set(p, "sourceImageId", image.sourceImageId);
        set(p, "sourceImageRegion", image.sourceImageRegion);
        p.setProperty("volumeSize", String.valueOf(image.volumeSize));
        p.setProperty("architecture", image.architecture);
        p.setProperty("rootDeviceName", image.rootDeviceName);
        p.setProperty("isPublic", String.valueOf(image.isPublic));
        p.setProperty("launchUsers", String.join(",", image.launchUsers));
        p.setProperty("hasRoot", String.valueOf(image.root != null));
        image.tags.forEach((k, v) -> p.setProperty(TAG + k, v));
        Path dir = imagesDir.resolve(region).resolve(image.id);
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("image.properties.tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "LocalEc2 image");
            }
            Files.move(tmp, dir.resolve("image.properties"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save image " + image.id + " in " + dir, e);
        }
    }

    public void delete(String region, String imageId) {
        FileTrees.deleteTree(imagesDir.resolve(region).resolve(imageId));
    }

    /** The available images a previous run saved for {@code region}. */
    public List<Image> load(String region) {
        Path dir = imagesDir.resolve(region);
        List<Image> images = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return images;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                Path file = entry.resolve("image.properties");
                if (Files.isRegularFile(file)) {
                    images.add(read(region, file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read images in " + dir, e);
        }
        return images;
    }

    private Image read(String region, Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        Image image = new Image(p.getProperty("id"));
        image.name = p.getProperty("name");
        image.description = p.getProperty("description");
        image.ownerId = p.getProperty("ownerId");
        image.creationDate = Instant.parse(p.getProperty("creationDate"));
        image.defaultUser = p.getProperty("defaultUser");
        image.platform = p.getProperty("platform");
        image.snapshotId = p.getProperty("snapshotId");
        image.sourceInstanceId = p.getProperty("sourceInstanceId");
        image.sourceImageId = p.getProperty("sourceImageId");
        image.sourceImageRegion = p.getProperty("sourceImageRegion");
        image.volumeSize = Integer.parseInt(p.getProperty("volumeSize"));
        image.architecture = p.getProperty("architecture");
        image.rootDeviceName = p.getProperty("rootDeviceName");
        image.isPublic = Boolean.parseBoolean(p.getProperty("isPublic"));
        Arrays.stream(p.getProperty("launchUsers", "").split(",")).filter(s -> !s.isEmpty()).forEach(image.launchUsers::add);
        image.root = Boolean.parseBoolean(p.getProperty("hasRoot")) ? rootOf(region, image.id) : null;
        image.state = "available";
        p.stringPropertyNames().stream().filter(k -> k.startsWith(TAG)).sorted()
                .forEach(k -> image.tags.put(k.substring(TAG.length()), p.getProperty(k)));
        return image;
    }

    private static void set(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }
}
