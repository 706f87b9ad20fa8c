package dev.kiln.ssh.internal;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * A connected SSH session to a target, together with the bastion sessions it is tunnelled through.
 * Closing it closes the whole chain, target first.
 */
public final class Connection {
    private final Session session;
    private final List<Session> bastions;

    Connection(Session session, List<Session> bastions) {
        this.session = session;
        this.bastions = List.copyOf(bastions);
    }

    /** The session to the target itself. */
    Session session() {
        return session;
    }

    /** {@code user@host:port} of the target, for thread names and messages. */
    String address() {
        return session.getUserName() + "@" + session.getHost() + ":" + session.getPort();
    }

    /**
     * The host keys this connection's handshakes accepted, as OpenSSH known_hosts lines (public keys only):
     * the target's, then each bastion's from the nearest to the outermost. A host on port 22 is written bare,
     * any other as {@code [host]:port}, which is how OpenSSH looks them up.
     */
    public List<String> knownHostsLines() {
        List<String> lines = new ArrayList<>();
        lines.add(knownHostsLine(session));
        for (int i = bastions.size() - 1; i >= 0; i--) {
            lines.add(knownHostsLine(bastions.get(i)));
        }
        return lines;
    }

    private static String knownHostsLine(Session s) {
        HostKey key = s.getHostKey();
        String host = s.getPort() == 22 ? s.getHost() : "[" + s.getHost() + "]:" + s.getPort();
        return host + " " + key.getType() + " " + key.getKey();
    }

    /** True while the transport to the target is up. */
    public boolean isOpen() {
        return session.isConnected();
    }

    /** Disconnects the target session and then every bastion session. Safe to call more than once. */
    public void close() {
        List<Session> all = new ArrayList<>();
        all.add(session);
        for (int i = bastions.size() - 1; i >= 0; i--) {
            all.add(bastions.get(i));
        }
        all.forEach(Session::disconnect);
    }
}
