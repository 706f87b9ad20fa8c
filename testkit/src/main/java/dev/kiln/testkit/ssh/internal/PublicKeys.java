package dev.kiln.testkit.ssh.internal;

import dev.kiln.core.spec.Problem;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/** Reads OpenSSH {@code authorized_keys} lines into public keys. */
public final class PublicKeys {
    private PublicKeys() {
    }

    /** Parses every line; each unreadable line becomes a problem naming its index. */
    public static List<PublicKey> parse(List<String> lines, List<Problem> problems) {
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String field = "authorizedKeys[" + i + "]";
            if (line == null || line.isBlank()) {
                problems.add(new Problem(field, "is empty", "give an OpenSSH public key line, e.g. ssh-ed25519 AAAA... me@host"));
                continue;
            }
            try {
                AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.strip());
                PublicKey key = entry == null ? null : entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
                if (key == null) {
                    throw new GeneralSecurityException("no key in the line");
                }
                keys.add(key);
            } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
                problems.add(new Problem(field, "is not an OpenSSH public key line (" + e.getMessage() + ")",
                        "copy the whole line of a .pub file, e.g. ssh-ed25519 AAAA... me@host"));
            }
        }
        return keys;
    }
}
