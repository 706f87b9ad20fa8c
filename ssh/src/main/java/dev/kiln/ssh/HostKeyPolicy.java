package dev.kiln.ssh;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the server's host key is checked when connecting.
 *
 * <ul>
 *   <li>{@link #acceptAny()}: any key is accepted (what Packer does; fine for a fresh temporary machine on a
 *       network you trust);</li>
 *   <li>{@link #knownHosts(Path)}: the key must be listed for the host in an OpenSSH known_hosts file;</li>
 *   <li>{@link #pinned(String)}: the key must have the given SHA-256 fingerprint (for example read from the
 *       machine's console output).</li>
 * </ul>
 * A key that does not match fails the connection with an error naming the expected and the presented
 * fingerprint.
 *
 * <pre>{@code
 * SshTarget.builder().host(ip).user("ubuntu").hostKeyPolicy(HostKeyPolicy.pinned("SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"))
 * }</pre>
 */
public final class HostKeyPolicy {
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");
    private static final HostKeyPolicy ACCEPT_ANY = new HostKeyPolicy(null, null);

    private final Path knownHostsFile;
    private final String pinnedFingerprint;

    private HostKeyPolicy(Path knownHostsFile, String pinnedFingerprint) {
        this.knownHostsFile = knownHostsFile;
        this.pinnedFingerprint = pinnedFingerprint;
    }

    /** Accepts whatever host key the server presents. */
    public static HostKeyPolicy acceptAny() {
        return ACCEPT_ANY;
    }

    /** Accepts only a key listed for the host (and port) in an OpenSSH known_hosts file. */
    public static HostKeyPolicy knownHosts(Path file) {
        return new HostKeyPolicy(Objects.requireNonNull(file, "knownHosts file"), null);
    }

    /**
     * Accepts only the key with this SHA-256 fingerprint, written as OpenSSH prints it:
     * {@code SHA256:<base64 without padding>}.
     *
     * @throws IllegalArgumentException when the fingerprint is not in that form
     */
    public static HostKeyPolicy pinned(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("hostKeyPolicy pinned fingerprint must look like "
                    + "SHA256:<43 base64 characters> (as `ssh-keygen -lf` prints it), got: " + fingerprint);
        }
        return new HostKeyPolicy(null, fingerprint.endsWith("=") ? fingerprint.substring(0, fingerprint.length() - 1)
                : fingerprint);
    }

    /** The known_hosts file, when this policy checks one. */
    public Optional<Path> knownHostsFile() {
        return Optional.ofNullable(knownHostsFile);
    }

    /** The pinned fingerprint, when this policy pins one. */
    public Optional<String> pinnedFingerprint() {
        return Optional.ofNullable(pinnedFingerprint);
    }

    /** True for {@link #acceptAny()}. */
    public boolean acceptsAny() {
        return knownHostsFile == null && pinnedFingerprint == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostKeyPolicy p && Objects.equals(knownHostsFile, p.knownHostsFile)
                && Objects.equals(pinnedFingerprint, p.pinnedFingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(knownHostsFile, pinnedFingerprint);
    }

    @Override
    public String toString() {
        if (knownHostsFile != null) {
            return "HostKeyPolicy.knownHosts(" + knownHostsFile + ")";
        }
        return pinnedFingerprint != null ? "HostKeyPolicy.pinned(" + pinnedFingerprint + ")" : "HostKeyPolicy.acceptAny()";
    }
}
