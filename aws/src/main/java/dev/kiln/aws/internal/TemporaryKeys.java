package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.KeyPairType;
import dev.kiln.ssh.SshKeyPair;
import dev.kiln.ssh.SshKeys;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Temporary keys generated ahead of the builds that need them. An RSA key takes from 0.2 s (2048 bits) to a few seconds (4096) to make;
 * each build takes the key generated for it in the background and starts the next one, so a second build in the
 * same JVM (the next image of a pipeline, the next test) finds its key ready. Each key serves one build only, and
 * lives in memory only.
 */
final class TemporaryKeys {
    private static final Map<KeyPairType, CompletableFuture<SshKeyPair>> NEXT = new EnumMap<>(KeyPairType.class);
    private static final ExecutorService KEYGEN = DaemonThreads.pool("kiln-keygen");

    private TemporaryKeys() {
    }

    /** Starts generating a key for a build with a temporary key pair, unless one is ready or on its way. */
    static synchronized void prepare(AmazonEbs config) {
        if (usesTemporaryKey(config)) {
            NEXT.computeIfAbsent(config.temporaryKeyPairType(), TemporaryKeys::generate);
        }
    }

    /**
     * The key of a build with a temporary key pair (generated, or on its way), starting the next one; null for a
     * build with an existing key pair.
     */
    static synchronized CompletableFuture<SshKeyPair> take(AmazonEbs config) {
        if (!usesTemporaryKey(config)) {
            return null;
        }
        KeyPairType type = config.temporaryKeyPairType();
        CompletableFuture<SshKeyPair> key = NEXT.remove(type);
        NEXT.put(type, generate(type));
        return key != null ? key : generate(type);
    }

    private static boolean usesTemporaryKey(AmazonEbs config) {
        return config.keyPair().isTemporary() && config.temporaryKeyPairType() != null;
    }

    private static CompletableFuture<SshKeyPair> generate(KeyPairType type) {
        return CompletableFuture.supplyAsync(() -> SshKeys.generate(type.sshKeyType()), KEYGEN);
    }
}
