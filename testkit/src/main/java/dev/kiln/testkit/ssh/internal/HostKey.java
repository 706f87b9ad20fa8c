package dev.kiln.testkit.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * A server's ed25519 host key: generated, or read from and written to an OpenSSH private key file so a
 * restarted server presents the same key.
 */
public final class HostKey {
    private final KeyPair keyPair;

    private HostKey(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    /** A new ed25519 key that lives only in memory. */
    public static HostKey generate() {
        try {
            return new HostKey(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ed25519 host key: " + e.getMessage(), e);
        }
    }

    /** The key stored in {@code file}, or a new one written there (owner-only) when the file doesn't exist. */
    public static HostKey loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return new HostKey(read(file));
            }
            HostKey key = generate();
            key.write(file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the host key file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the host key file " + file + " holds no usable key: " + e.getMessage(), e);
        }
    }

    KeyPair keyPair() {
        return keyPair;
    }

    /** The key's fingerprint as OpenSSH prints it, e.g. {@code SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8}. */
    public String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, keyPair.getPublic());
    }

    /** The public key as an OpenSSH line, e.g. {@code ssh-ed25519 AAAAC3Nz...}. */
    public String publicKeyLine() {
        return PublicKeyEntry.toString(keyPair.getPublic());
    }

    private static KeyPair read(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new GeneralSecurityException("no key pair in the file");
            }
            return it.next();
        }
    }

    private void write(Path file) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, "kiln host key", null, out);
        }
    }
}
