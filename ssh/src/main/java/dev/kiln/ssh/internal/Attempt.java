package dev.kiln.ssh.internal;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import dev.kiln.ssh.SshTarget;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt to connect and log in to a target (through its bastions, if any). {@link #cancel()} from
 * another thread aborts it by closing whatever sockets it has opened.
 */
final class Attempt {
    private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);
    /** AES-GCM first: no separate MAC pass, and the JDK runs AES with CPU instructions. */
    static final String CIPHERS = "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
            + "chacha20-poly1305@openssh.com";
    /**
     * Signature algorithms for the login and the host key. Set on every session, so that neither JSch's global
     * settings nor {@code -Djsch.client_pubkey} / {@code -Djsch.server_host_key} can bring SHA-1 back: an RSA key
     * signs with rsa-sha2-512 or rsa-sha2-256, never with {@code ssh-rsa}.
     */
    static final String SIGNATURES = "ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,"
            + "ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,"
            + "rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,"
            + "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256";

    private final List<Session> sessions = new ArrayList<>();
    private volatile boolean cancelled;

    /** Connects to {@code target}, each hop's TCP connect and handshake bounded by {@code timeoutMillis}. */
    Connection connect(SshTarget target, int timeoutMillis) throws AttemptFailure {
        List<SshTarget> hops = new ArrayList<>();
        for (SshTarget t = target; t != null; t = t.bastion().orElse(null)) {
            hops.add(0, t);
        }
        Session via = null;
        List<Session> bastions = new ArrayList<>();
        try {
            for (SshTarget hop : hops) {
                Session session = open(hop, via, timeoutMillis);
                if (hop != target) {
                    bastions.add(session);
                }
                via = session;
            }
            return new Connection(via, bastions);
        } catch (AttemptFailure | RuntimeException e) {
            cancel();
            throw e;
        }
    }

    /** Aborts the attempt: closes every session it opened or is opening. */
    void cancel() {
        cancelled = true;
        List<Session> toClose;
        synchronized (sessions) {
            toClose = new ArrayList<>(sessions);
        }
        toClose.forEach(Session::disconnect);
    }

    private Session open(SshTarget hop, Session via, int timeoutMillis) throws AttemptFailure {
        HostKeyCheck hostKeys;
        Session session;
        try {
            hostKeys = new HostKeyCheck(hop.hostKeyPolicy());
            session = newSession(hop, via, hostKeys);
        } catch (JSchException e) {
            throw new AttemptFailure(FailureKind.OTHER, hop.address() + ": cannot set up the session: " + e.getMessage(), e);
        }
        synchronized (sessions) {
            if (cancelled) {
                throw new AttemptFailure(FailureKind.OTHER, "cancelled", null);
            }
            sessions.add(session);
        }
        try {
            session.connect(timeoutMillis);
            LOG.debug("connected to {}", hop.address());
            return session;
        } catch (JSchException e) {
            session.disconnect();
            throw classify(hop, e, hostKeys);
        }
    }

    private static Session newSession(SshTarget hop, Session via, HostKeyCheck hostKeys) throws JSchException {
        JSch jsch = new JSch();
        jsch.setInstanceLogger(JschLog.INSTANCE);
        if (hop.privateKey().isPresent()) {
            PrivateKeys.addTo(jsch, hop.privateKey().get(), hop.passphrase().orElse(null));
        } else if (hop.useAgent()) {
            useAgent(jsch);
        }
        Session session = jsch.getSession(hop.user(), hop.host(), hop.port());
        if (via != null) {
            session.setProxy(new ChannelProxy(via));
        }
        hop.password().ifPresent(p -> session.setPassword(p.reveal().getBytes(StandardCharsets.UTF_8)));
        session.setHostKeyRepository(hostKeys);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey,password");
        session.setConfig("cipher.c2s", CIPHERS);
        session.setConfig("cipher.s2c", CIPHERS);
        session.setConfig("PubkeyAcceptedAlgorithms", SIGNATURES);
        session.setConfig("server_host_key", SIGNATURES);
        if (!hop.keepAliveInterval().isZero()) {
            session.setServerAliveInterval((int) Math.min(Integer.MAX_VALUE, hop.keepAliveInterval().toMillis()));
            session.setServerAliveCountMax(3);
        }
        return session;
    }

    private static void useAgent(JSch jsch) throws JSchException {
        if (System.getenv("SSH_AUTH_SOCK") == null) {
            LOG.debug("useAgent is set but SSH_AUTH_SOCK is not: no agent keys offered");
            return;
        }
        try {
            jsch.setIdentityRepository(new AgentIdentityRepository(new SSHAgentConnector()));
        } catch (AgentProxyException e) {
            throw new JSchException("cannot reach the SSH agent at SSH_AUTH_SOCK: " + e.getMessage(), e);
        }
    }

    private static AttemptFailure classify(SshTarget hop, JSchException e, HostKeyCheck hostKeys) {
        String where = hop.address() + ": ";
        if (hostKeys.mismatch().isPresent() || e instanceof JSchChangedHostKeyException
                || e instanceof JSchUnknownHostKeyException) {
            String detail = hostKeys.mismatch()
                    .map(m -> "expected " + m.expected() + " but the server presented " + m.presented())
                    .orElse(e.getMessage());
            return new AttemptFailure(FailureKind.HOST_KEY_MISMATCH, where + "host key mismatch: " + detail
                    + " (policy " + hop.hostKeyPolicy() + ")", e);
        }
        Throwable cause = e.getCause();
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || lower.contains("connection refused")) {
            return new AttemptFailure(FailureKind.REFUSED, where + "connection refused", e);
        }
        if (cause instanceof SocketTimeoutException || lower.contains("timeout") || lower.contains("timed out")) {
            return new AttemptFailure(FailureKind.TIMED_OUT, where + "timed out: " + message, e);
        }
        if (lower.startsWith("auth fail") || lower.contains("auth cancel") || lower.contains("userauth fail")) {
            return new AttemptFailure(FailureKind.AUTH_FAILED, where + "authentication failed for user "
                    + hop.user() + " (the server accepted none of the offered credentials)", e);
        }
        return new AttemptFailure(FailureKind.OTHER, where + message, e);
    }
}
