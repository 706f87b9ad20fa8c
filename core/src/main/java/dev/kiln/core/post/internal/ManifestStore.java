package dev.kiln.core.post.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends entries to a {@code manifest.json} safely when several sources, threads or processes write the
 * same file: a lock per file inside this JVM, a file lock on {@code <manifest>.lock} across processes, and
 * an atomic replace so a reader never sees half a file. The lock file stays, so every writer locks the same
 * file.
 *
 * <pre>{@code
 * ManifestStore.append(Path.of("manifest.json"), entry, sessionId);
 * }</pre>
 */
public final class ManifestStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private ManifestStore() {
    }

    /** Adds {@code entry} to the file's {@code builds} and sets {@code last_run_uuid}. */
    public static void append(Path manifest, ManifestEntry entry, String runUuid) throws IOException {
        Path file = manifest.toAbsolutePath().normalize();
        Object jvmLock = LOCKS.computeIfAbsent(file, f -> new Object());
        synchronized (jvmLock) {
            Files.createDirectories(file.getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                List<Object> builds = new ArrayList<>();
                for (ManifestEntry existing : read(file)) {
                    builds.add(existing.toJson());
                }
                builds.add(entry.toJson());
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("builds", builds);
                root.put("last_run_uuid", runUuid);
                replace(file, GoJson.print(root));
            }
        }
    }

    private static List<ManifestEntry> read(Path file) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        if (!Files.exists(file) || Files.size(file) == 0) {
            return entries;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("Cannot parse the existing manifest " + file + ": " + e.getMessage()
                    + "; fix or remove it", e);
        }
        for (JsonNode build : root.path("builds")) {
            entries.add(ManifestEntry.fromJson(build));
        }
        return entries;
    }

    private static void replace(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
