package dev.kiln.testkit.ec2;

import dev.kiln.testkit.ec2.internal.ChrootPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of an image or an instance, read as the machine sees them: paths are absolute ({@code /etc/app.conf}),
 * {@code ..} stops at {@code /}, and symbolic links are followed inside the machine's own files, never into the
 * host's. There is no way to write through it.
 *
 * <p>The files are the machine's own: {@code /etc}, {@code /opt}, {@code /srv}, {@code /var}, {@code /home},
 * {@code /root} and {@code /tmp}, as the builds wrote them. The host programs a local machine runs ({@code /usr},
 * {@code /bin}...) are not part of an image and are not here.
 *
 * <pre>{@code
 * ImageView image = localEc2.image("us-east-1", amiId);
 * assertThat(image.file("/etc/app.conf")).contains("port=8080");
 * assertThat(image.list("/srv/www")).contains("index.html");
 * }</pre>
 */
public abstract sealed class ReadOnlyFiles permits ImageView, InstanceView {
    private static final int LISTED = 20;

    private final Path root;
    private final String owner;
    private final String noFiles;

    /**
     * Files under {@code root}, or none when it is null ({@code noFiles} says why); {@code owner} names the image
     * or instance in messages.
     */
    ReadOnlyFiles(Path root, String owner, String noFiles) {
        this.root = root;
        this.owner = owner;
        this.noFiles = noFiles;
    }

    /** True when {@code path} names a file or directory (its links followed inside the machine). */
    public boolean exists(String path) {
        ChrootPath.requireAbsolute(path);
        return root != null && Files.exists(ChrootPath.resolve(root, path), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The content of the file at {@code path}, decoded as UTF-8.
     *
     * @throws IllegalArgumentException when there is no such file; the message says what its directory holds
     */
    public String file(String path) {
        return new String(fileBytes(path), StandardCharsets.UTF_8);
    }

    /**
     * The bytes of the file at {@code path}.
     *
     * @throws IllegalArgumentException when there is no such file; the message says what its directory holds
     */
    public byte[] fileBytes(String path) {
        Path file = existing(path);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(path + " in " + owner + " is a directory, holding " + shown(names(file)));
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " in " + owner, e);
        }
    }

    /**
     * The names in the directory at {@code dir}, sorted, e.g. {@code list("/etc")}.
     *
     * @throws IllegalArgumentException when there is no such directory
     */
    public List<String> list(String dir) {
        Path directory = existing(dir);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(dir + " in " + owner + " is a file, not a directory");
        }
        return names(directory);
    }

    private Path existing(String path) {
        if (root == null) {
            ChrootPath.requireAbsolute(path);
            throw new IllegalArgumentException("no " + path + " in " + owner + ": " + noFiles);
        }
        Path file = ChrootPath.resolve(root, path);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("no " + path + " in " + owner + "; " + nearestDirectory(path));
        }
        return file;
    }

    /** What the closest existing directory above {@code path} holds, for messages. */
    private String nearestDirectory(String path) {
        String dir = path;
        while (true) {
            int slash = dir.lastIndexOf('/', dir.length() - 2);
            dir = slash <= 0 ? "/" : dir.substring(0, slash);
            Path host = ChrootPath.resolve(root, dir);
            if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                return dir + " holds " + shown(names(host));
            }
            if (dir.equals("/")) {
                return "it has no files yet";
            }
        }
    }

    private static List<String> names(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** The first names of a listing, for a message. */
    private static List<String> shown(List<String> names) {
        return names.size() <= LISTED ? names
                : Stream.concat(names.stream().limit(LISTED), Stream.of("... " + (names.size() - LISTED) + " more"))
                        .toList();
    }
}
