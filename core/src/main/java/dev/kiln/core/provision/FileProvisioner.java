package dev.kiln.core.provision;

import dev.kiln.core.Buildable;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.comm.Communicator;
import dev.kiln.core.comm.TransferListener;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Moves files between the local machine and the machine being built, as Packer's {@code file} provisioner
 * does.
 *
 * <p>A destination ending in {@code /} means "into this directory": each source keeps its name inside it.
 * A local directory uploads its whole tree: when the source ends in {@code /} its contents go into the
 * destination; otherwise the directory itself is created inside the destination. Several sources need a
 * destination ending in {@code /}. A failed transfer throws the communicator's
 * {@link dev.kiln.core.comm.CommunicatorException}; a local directory that can't be made for a download, a
 * {@link ProvisionerException} (with no exit status: no command runs).
 *
 * <pre>{@code
 * FileProvisioner site = Provisioners.file().source("site/").destination("/var/www/html").build();
 * FileProvisioner logs = Provisioners.file().direction(TransferDirection.DOWNLOAD)
 *     .source("/var/log/cloud-init.log").destination("build-logs/").build();
 * }</pre>
 */
public final class FileProvisioner implements Provisioner {
    private final List<String> sources;
    private final String destination;
    private final TransferDirection direction;

    private FileProvisioner(Builder b) {
        sources = List.copyOf(b.sources);
        destination = b.destination;
        direction = b.direction;
    }

    /** Starts an empty file provisioner; {@link Provisioners#file()} does the same. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        return new Builder().sources(sources).destination(destination).direction(direction);
    }

    @Override
    public String type() {
        return "file";
    }

    /** The sources: local paths for uploads, remote paths for downloads. */
    public List<String> sources() {
        return sources;
    }

    /** The destination: remote for uploads, local for downloads. */
    public String destination() {
        return destination;
    }

    /** Which way the files move. */
    public TransferDirection direction() {
        return direction;
    }

    @Override
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        if (sources.isEmpty()) {
            problems.add(new Problem("sources", "is empty", "add the file or directory to move with source(...)"));
        }
        if (destination == null || destination.isBlank()) {
            problems.add(new Problem("destination", "is not set", "set where the files go with destination(...)"));
        } else if (sources.size() > 1 && !intoDirectory(destination)) {
            problems.add(new Problem("destination", "does not end in / but there are " + sources.size() + " sources",
                    "end it in / so that every source goes into that directory"));
        }
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            if (source.isBlank()) {
                problems.add(new Problem("sources[" + i + "]", "is empty", "name a file or directory"));
            } else if (direction == TransferDirection.UPLOAD && !Files.exists(Path.of(source))) {
                problems.add(new Problem("sources[" + i + "]", "does not exist locally: " + source,
                        "point it at an existing local file or directory"));
            }
        }
        return problems;
    }

    /** Records what reaches the machine; a download's local destination does not change the image. */
    @Override
    public void fingerprint(Fingerprinter f) {
        f.put("direction", direction.name());
        if (direction == TransferDirection.UPLOAD) {
            f.put("destination", destination);
        }
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            if (direction == TransferDirection.UPLOAD) {
                f.put("sources[" + i + "].target", uploadTarget(source));
                f.putFile("sources[" + i + "]", Path.of(source));
            } else {
                f.put("sources[" + i + "]", source);
            }
        }
    }

    @Override
    public void provision(BuildContext context, Communicator communicator) throws Exception {
        for (String source : sources) {
            context.checkCancelled();
            if (direction == TransferDirection.UPLOAD) {
                String target = uploadTarget(source);
                context.say("Uploading " + source + " => " + target);
                communicator.upload(Path.of(source), target, TransferListener.NONE);
            } else {
                Path target = downloadTarget(source);
                context.say("Downloading " + source + " => " + target);
                createParent(target);
                communicator.download(source, target, TransferListener.NONE);
            }
        }
    }

    private static void createParent(Path target) {
        Path parent = target.getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ProvisionerException("Cannot create the local directory " + parent + " for the download", e);
        }
    }

    /** The remote path a local source gets. */
    String uploadTarget(String source) {
        boolean directory = Files.isDirectory(Path.of(source));
        if (directory && source.endsWith("/")) {
            return trimSlashes(destination);
        }
        if (directory || intoDirectory(destination)) {
            return trimSlashes(destination) + "/" + uploadedName(source);
        }
        return destination;
    }

    /** The local path a remote source gets. */
    Path downloadTarget(String source) {
        if (!intoDirectory(destination)) {
            return Path.of(destination);
        }
        String trimmed = trimSlashes(source);
        return Path.of(destination).resolve(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }

    private static String uploadedName(String source) {
        Path name = Path.of(source).getFileName();
        return name == null ? "" : name.toString();
    }

    private static boolean intoDirectory(String path) {
        return path.endsWith("/");
    }

    private static String trimSlashes(String path) {
        String trimmed = path.replaceAll("/+$", "");
        return trimmed.isEmpty() ? "/" : trimmed;
    }

    @Override
    public String toString() {
        return "FileProvisioner{" + direction + " " + sources + " => " + destination + "}";
    }

    /** Collects a file provisioner's configuration. */
    public static final class Builder implements Buildable<FileProvisioner> {
        private final List<String> sources = new ArrayList<>();
        private String destination;
        private TransferDirection direction = TransferDirection.UPLOAD;

        private Builder() {
        }

        /** Adds a source: a local path to upload or a remote path to download. */
        public Builder source(String source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** Adds a local source to upload. */
        public Builder source(Path source) {
            return source(source.toString());
        }

        /** Adds several sources. */
        public Builder sources(String... sources) {
            return sources(Arrays.asList(sources));
        }

        /** Adds several sources. */
        public Builder sources(List<String> sources) {
            sources.forEach(this::source);
            return this;
        }

        /** Where the files go; end it in {@code /} to put them into that directory. */
        public Builder destination(String destination) {
            this.destination = destination;
            return this;
        }

        /** Upload (the default) or download. */
        public Builder direction(TransferDirection direction) {
            this.direction = Objects.requireNonNull(direction, "direction");
            return this;
        }

        /** The provisioner; the spec's validation checks it. */
        @Override
        public FileProvisioner build() {
            return new FileProvisioner(this);
        }
    }
}
