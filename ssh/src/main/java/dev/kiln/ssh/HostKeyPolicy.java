package dev.kiln.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 *       machine's console output); {@link #pinned(String, String...)} accepts any of several, as a console
 *       lists one fingerprint per host key type and the client picks the type.</li>
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
    private static final HostKeyPolicy ACCEPT_ANY = new HostKeyPolicy(null, List.of());

    private final Path knownHostsFile;
    private final List<String> pinnedFingerprints;

    private HostKeyPolicy(Path knownHostsFile, List<String> pinnedFingerprints) {
        this.knownHostsFile = knownHostsFile;
        this.pinnedFingerprints = List.copyOf(pinnedFingerprints);
    }

    /** Accepts whatever host key the server presents. */
    public static HostKeyPolicy acceptAny() {
        return ACCEPT_ANY;
    }

    /** Accepts only a key listed for the host (and port) in an OpenSSH known_hosts file. */
    public static HostKeyPolicy knownHosts(Path file) {
        return new HostKeyPolicy(Objects.requireNonNull(file, "knownHosts file"), List.of());
    }

    /**
     * Accepts only the key with this SHA-256 fingerprint, written as OpenSSH prints it:
     * {@code SHA256:<base64 without padding>}.
     *
     * @throws IllegalArgumentException when the fingerprint is not in that form
     */
    public static HostKeyPolicy pinned(String fingerprint) {
        return new HostKeyPolicy(null, List.of(normalized(fingerprint)));
    }

    /**
     * Accepts only a key with one of these SHA-256 fingerprints (for example every fingerprint a machine's
     * console lists: Ed25519, ECDSA and RSA).
     *
     * @throws IllegalArgumentException when a fingerprint is not of the form {@code SHA256:<base64>}
     */
    public static HostKeyPolicy pinned(String fingerprint, String... more) {
        List<String> all = new ArrayList<>();
        all.add(normalized(fingerprint));
        for (String f : more) {
            all.add(normalized(f));
        }
        return new HostKeyPolicy(null, all);
    }

    private static String normalized(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("hostKeyPolicy pinned fingerprint must look like "
                    + "SHA256:<43 base64 characters> (as `ssh-keygen -lf` prints it), got: " + fingerprint);
        }
        return fingerprint.endsWith("=") ? fingerprint.substring(0, fingerprint.length() - 1) : fingerprint;
    }

    /** The known_hosts file, when this policy checks one. */
    public Optional<Path> knownHostsFile() {
        return Optional.ofNullable(knownHostsFile);
    }

    /** The pinned fingerprints; empty when this policy pins none. */
    public List<String> pinnedFingerprints() {
        return pinnedFingerprints;
    }

    /** True for {@link #acceptAny()}. */
    public boolean acceptsAny() {
        return knownHostsFile == null && pinnedFingerprints.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostKeyPolicy p && Objects.equals(knownHostsFile, p.knownHostsFile)
                && pinnedFingerprints.equals(p.pinnedFingerprints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(knownHostsFile, pinnedFingerprints);
    }

    @Override
    public String toString() {
        if (knownHostsFile != null) {
            return "HostKeyPolicy.knownHosts(" + knownHostsFile + ")";
        }
        return pinnedFingerprints.isEmpty() ? "HostKeyPolicy.acceptAny()"
                : "HostKeyPolicy.pinned(" + String.join(", ", pinnedFingerprints) + ")";
    }
}
