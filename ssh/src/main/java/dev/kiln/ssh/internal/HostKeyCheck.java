package dev.kiln.ssh.internal;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import dev.kiln.ssh.HostKeyPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link HostKeyPolicy} to the key the server presents, and remembers a mismatch so the error can
 * name both fingerprints. Never writes to a known_hosts file.
 */
final class HostKeyCheck implements HostKeyRepository {
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

    /** A presented key that the policy rejected. */
    record Mismatch(String expected, String presented) {
    }

    private final HostKeyPolicy policy;
    private final HostKeyRepository knownHosts;
    private volatile Mismatch mismatch;

    HostKeyCheck(HostKeyPolicy policy) throws JSchException {
        this.policy = policy;
        if (policy.knownHostsFile().isPresent()) {
            JSch reader = new JSch();
            reader.setInstanceLogger(JschLog.INSTANCE);
            reader.setKnownHosts(policy.knownHostsFile().get().toString());
            this.knownHosts = reader.getHostKeyRepository();
        } else {
            this.knownHosts = null;
        }
    }

    /** The rejected key of the last handshake, if one was rejected. */
    Optional<Mismatch> mismatch() {
        return Optional.ofNullable(mismatch);
    }

    @Override
    public int check(String host, byte[] key) {
        String presented = Fingerprints.sha256(key);
        LOG.debug("host key of {}: {}", host, presented);
        List<String> pinned = policy.pinnedFingerprints();
        if (!pinned.isEmpty()) {
            return accept(pinned.contains(presented), String.join(" or ", pinned), presented);
        }
        if (knownHosts != null) {
            int result = knownHosts.check(host, key);
            if (result != OK) {
                HostKey[] listed = knownHosts.getHostKey(host, null);
                String expected = listed == null || listed.length == 0
                        ? "no key for " + host + " in " + policy.knownHostsFile().get()
                        : Arrays.stream(listed).map(k -> Fingerprints.sha256(k.getKey()))
                                .collect(Collectors.joining(" or "));
                mismatch = new Mismatch(expected, presented);
            }
            return result;
        }
        return OK;
    }

    private int accept(boolean matches, String expected, String presented) {
        if (matches) {
            return OK;
        }
        mismatch = new Mismatch(expected, presented);
        return CHANGED;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // The policy decides; nothing is ever added.
    }

    @Override
    public void remove(String host, String type) {
        // Never changes the file.
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // Never changes the file.
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return "kiln " + policy;
    }

    @Override
    public HostKey[] getHostKey() {
        return knownHosts == null ? new HostKey[0] : knownHosts.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return knownHosts == null ? new HostKey[0] : knownHosts.getHostKey(host, type);
    }
}
