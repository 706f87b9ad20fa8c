package dev.kiln.docker.internal;

import dev.kiln.core.comm.CommunicatorException;
import dev.kiln.core.comm.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Moves files in and out of a container through the archive endpoints ({@code PUT} and {@code GET
 * /containers/{id}/archive}) as tar streams, keeping modes. An upload's destination is the path the file or
 * directory gets, and its parent directory must exist, as with SFTP.
 *
 * <pre>{@code
 * new Archives(engine, containerId).upload(Path.of("site"), "/srv/site", TransferListener.NONE);
 * }</pre>
 */
public final class Archives {
    private static final Map<String, String> TAR = Map.of("Content-Type", "application/x-tar");

    private final Engine engine;
    private final String container;

    /** Transfers for one container. */
    public Archives(Engine engine, String container) {
        this.engine = engine;
        this.container = container;
    }

    /** Uploads a local file or directory tree to {@code destination}. */
    public void upload(Path source, String destination, TransferListener progress) throws InterruptedException {
        if (!Files.exists(source)) {
            throw new CommunicatorException("Cannot upload " + source + ": no such file or directory");
        }
        Target target = Target.of(destination);
        put("upload of " + source + " to " + destination, target.parent(), out -> {
            TarWriter tar = new TarWriter(out, listener(target, progress));
            tar.tree(source, target.name());
            tar.finish();
        });
    }

    /** Uploads the bytes of a stream, read whole first (a tar entry states its size), as a file with {@code mode}. */
    public void upload(InputStream source, String destination, int mode, TransferListener progress)
            throws InterruptedException {
        byte[] bytes;
        try {
            bytes = source.readAllBytes();
        } catch (IOException e) {
            throw new CommunicatorException("Cannot read what to upload to " + destination + ": " + e.getMessage(), e);
        }
        Target target = Target.of(destination);
        put("upload to " + destination, target.parent(), out -> {
            TarWriter tar = new TarWriter(out, listener(target, progress));
            tar.file(target.name(), mode, bytes.length, Instant.now().getEpochSecond(), new java.io.ByteArrayInputStream(bytes));
            tar.finish();
        });
    }

    /** Downloads a file or directory tree to the local path {@code destination}, keeping modes. */
    public void download(String source, Path destination, TransferListener progress) throws InterruptedException {
        get("download of " + source + " to " + destination, source, in -> {
            TarReader tar = new TarReader(in);
            Deque<Runnable> directoryModes = new ArrayDeque<>();
            String top = null;
            for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
                if (top == null) {
                    top = e.name();
                }
                Path local = local(destination, top, e.name());
                if (e.isDirectory()) {
                    Files.createDirectories(local);
                    int mode = e.mode();
                    directoryModes.push(() -> setMode(local, mode));
                } else if (e.type() == '2') {
                    Files.deleteIfExists(local);
                    Files.createSymbolicLink(local, Path.of(e.linkName()));
                } else if (e.type() == '1') {
                    Files.copy(local(destination, top, e.linkName()), local, StandardCopyOption.REPLACE_EXISTING);
                } else if (e.isFile()) {
                    try (OutputStream out = Files.newOutputStream(local)) {
                        copy(tar.content(), out, source, e.size(), progress);
                    }
                    Modes.set(local, e.mode());
                }
            }
            directoryModes.forEach(Runnable::run);
            return null;
        });
    }

    /** Downloads a file into a stream, which stays open. */
    public void download(String source, OutputStream destination, TransferListener progress) throws InterruptedException {
        get("download of " + source, source, in -> {
            TarReader tar = new TarReader(in);
            TarReader.Entry e = tar.next();
            if (e == null || !e.isFile()) {
                throw new CommunicatorException("Cannot download " + source + " into a stream: it is not a regular file");
            }
            copy(tar.content(), destination, source, e.size(), progress);
            return null;
        });
    }

    private void put(String what, String directory, EngineSocket.BodyWriter writer) throws InterruptedException {
        engine.send(what, "PUT", "/containers/" + container + "/archive?path=" + Engine.q(directory), TAR, writer);
    }

    private void get(String what, String path, Engine.BodyReader<Void> reader) throws InterruptedException {
        engine.call(what, "GET", "/containers/" + container + "/archive?path=" + Engine.q(path), Map.of(), null, reader);
    }

    private static Path local(Path destination, String top, String name) throws IOException {
        String rest = name.equals(top) ? "" : name.startsWith(top + "/") ? name.substring(top.length() + 1) : null;
        Path local = rest == null ? null : rest.isEmpty() ? destination : destination.resolve(rest).normalize();
        if (local == null || !local.startsWith(destination.normalize())) {
            throw new IOException("the container's archive holds " + name + ", outside " + top);
        }
        return local;
    }

    private static void copy(InputStream in, OutputStream out, String path, long size, TransferListener progress)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long done = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            done += n;
            progress.progress(path, done, size);
        }
    }

    private static void setMode(Path local, int mode) {
        try {
            Modes.set(local, mode);
        } catch (IOException e) {
            throw new CommunicatorException("Cannot set the mode of " + local + ": " + e.getMessage(), e);
        }
    }

    private static TarWriter.Progress listener(Target target, TransferListener progress) {
        String parent = target.parent().endsWith("/") ? target.parent() : target.parent() + "/";
        return (name, written, total) -> progress.progress(parent + name, written, total);
    }

    /** A remote path split into the directory the archive goes to and the name it has there. */
    private record Target(String parent, String name) {
        static Target of(String destination) {
            String path = destination.replaceAll("/+$", "");
            int slash = path.lastIndexOf('/');
            if (path.isEmpty() || slash == path.length() - 1) {
                throw new CommunicatorException("Cannot upload to " + destination + ": name a file or directory to create");
            }
            String parent = slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
            return new Target(parent, path.substring(slash + 1));
        }
    }
}
