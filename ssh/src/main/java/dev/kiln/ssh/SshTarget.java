package dev.kiln.ssh;

import dev.kiln.core.Secret;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import dev.kiln.ssh.internal.PrivateKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to log in over SSH: host, port, user, credentials, an optional bastion (jump) host, the
 * host key policy and timeouts. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * SshTarget target = SshTarget.builder()
 *         .host("127.0.0.1").port(2222).user("ec2-user")
 *         .privateKey(keys.privateKey())
 *         .readyTimeout(Duration.ofMinutes(5))
 *         .build();
 * }</pre>
 *
 * <p>Defaults: port 22, host keys accepted as presented ({@link HostKeyPolicy#acceptAny()}, as Packer does),
 * connect timeout 10 s, ready timeout 5 min, 10 handshake attempts (as Packer), keepalive every 5 s, no PTY.
 */
public final class SshTarget {
    private final String host;
    private final int port;
    private final String user;
    private final Secret privateKey;
    private final Secret passphrase;
    private final Secret password;
    private final boolean useAgent;
    private final SshTarget bastion;
    private final HostKeyPolicy hostKeyPolicy;
    private final Duration connectTimeout;
    private final Duration readyTimeout;
    private final int handshakeAttempts;
    private final Duration keepAliveInterval;
    private final boolean pty;

    private SshTarget(Builder b) {
        host = b.host;
        port = b.port;
        user = b.user;
        privateKey = b.privateKey;
        passphrase = b.passphrase;
        password = b.password;
        useAgent = b.useAgent;
        bastion = b.bastion;
        hostKeyPolicy = b.hostKeyPolicy;
        connectTimeout = b.connectTimeout;
        readyTimeout = b.readyTimeout;
        handshakeAttempts = b.handshakeAttempts;
        keepAliveInterval = b.keepAliveInterval;
        pty = b.pty;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this target's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The host name or address. */
    public String host() {
        return host;
    }

    /** The SSH port. */
    public int port() {
        return port;
    }

    /** The login user. */
    public String user() {
        return user;
    }

    /** The private key text (OpenSSH or PEM), when logging in with a key. */
    public Optional<Secret> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** The private key's passphrase, when it is encrypted. */
    public Optional<Secret> passphrase() {
        return Optional.ofNullable(passphrase);
    }

    /** The password, when logging in with one. */
    public Optional<Secret> password() {
        return Optional.ofNullable(password);
    }

    /** True when keys from the SSH agent ({@code SSH_AUTH_SOCK}) are offered; used when no private key is set. */
    public boolean useAgent() {
        return useAgent;
    }

    /** The bastion (jump) host the connection goes through, if any. */
    public Optional<SshTarget> bastion() {
        return Optional.ofNullable(bastion);
    }

    /** How the server's host key is checked. */
    public HostKeyPolicy hostKeyPolicy() {
        return hostKeyPolicy;
    }

    /** How long one TCP connect plus SSH handshake may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long to keep retrying until the server accepts the login. */
    public Duration readyTimeout() {
        return readyTimeout;
    }

    /**
     * How many times a login that reached the server but was refused (authentication failed) is tried before
     * giving up, well before the ready timeout. More than one covers a fresh machine whose sshd answers before
     * its key is installed: the next attempt comes 5 s after a failed login, so the default 10 cover 45 s.
     * Refused and timed-out connections don't count.
     */
    public int handshakeAttempts() {
        return handshakeAttempts;
    }

    /** How often a keepalive is sent on an idle connection; {@link Duration#ZERO} sends none. */
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /** True when commands run with a pseudo-terminal (needed by some sudo configurations). */
    public boolean pty() {
        return pty;
    }

    /** {@code user@host:port}, for messages. */
    public String address() {
        return user + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "SshTarget[" + address() + (bastion != null ? " via " + bastion.address() : "")
                + ", auth=" + (privateKey != null ? "key" : "") + (password != null ? "password" : "")
                + (useAgent ? "agent" : "") + ", " + hostKeyPolicy + "]";
    }

    /** Builds an {@link SshTarget}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private String host;
        private int port = 22;
        private String user;
        private Secret privateKey;
        private Secret passphrase;
        private Secret password;
        private boolean useAgent;
        private SshTarget bastion;
        private HostKeyPolicy hostKeyPolicy = HostKeyPolicy.acceptAny();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readyTimeout = Duration.ofMinutes(5);
        private int handshakeAttempts = 10;
        private Duration keepAliveInterval = Duration.ofSeconds(5);
        private boolean pty;

        private Builder() {
        }

        private Builder(SshTarget t) {
            host = t.host;
            port = t.port;
            user = t.user;
            privateKey = t.privateKey;
            passphrase = t.passphrase;
            password = t.password;
            useAgent = t.useAgent;
            bastion = t.bastion;
            hostKeyPolicy = t.hostKeyPolicy;
            connectTimeout = t.connectTimeout;
            readyTimeout = t.readyTimeout;
            handshakeAttempts = t.handshakeAttempts;
            keepAliveInterval = t.keepAliveInterval;
            pty = t.pty;
        }

        /** The host name or IP address to connect to. Required. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The SSH port, 1 to 65535; 22 by default. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The login user, e.g. {@code ec2-user} or {@code ubuntu}. Required. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** Logs in with this private key (OpenSSH or PEM text; Ed25519, RSA or ECDSA), unencrypted. */
        public Builder privateKey(Secret keyText) {
            return privateKey(keyText, null);
        }

        /** Logs in with this private key, encrypted with {@code passphrase} (null when not encrypted). */
        public Builder privateKey(Secret keyText, Secret passphrase) {
            this.privateKey = keyText;
            this.passphrase = passphrase;
            return this;
        }

        /** Logs in with this password (SSH password authentication, tried after the private key if both are set). */
        public Builder password(Secret password) {
            this.password = password;
            return this;
        }

        /** Offers the keys of the SSH agent at {@code SSH_AUTH_SOCK} when no private key is set; off by default. */
        public Builder useAgent(boolean useAgent) {
            this.useAgent = useAgent;
            return this;
        }

        /** Connects through this bastion (jump) host, as {@code ssh -J} does; it may have a bastion of its own. */
        public Builder bastion(SshTarget bastion) {
            this.bastion = bastion;
            return this;
        }

        /** How the server's host key is checked; {@link HostKeyPolicy#acceptAny()} by default. */
        public Builder hostKeyPolicy(HostKeyPolicy hostKeyPolicy) {
            this.hostKeyPolicy = hostKeyPolicy;
            return this;
        }

        /** How long one TCP connect plus SSH handshake may take; 10 s by default. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long to keep trying until the server accepts the login; 5 min by default. */
        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        /** How many refused logins to try before giving up; 10 by default. */
        public Builder handshakeAttempts(int handshakeAttempts) {
            this.handshakeAttempts = handshakeAttempts;
            return this;
        }

        /** How often a keepalive goes out on an idle connection; {@link Duration#ZERO} sends none; 5 s by default. */
        public Builder keepAliveInterval(Duration keepAliveInterval) {
            this.keepAliveInterval = keepAliveInterval;
            return this;
        }

        /** Runs commands with a pseudo-terminal, which some sudo configurations need; off by default. */
        public Builder pty(boolean pty) {
            this.pty = pty;
            return this;
        }

        /**
         * Builds the target.
         *
         * @throws InvalidSpecException listing every problem (missing host or user, bad port, no credentials,
         *     a private key that cannot be read or a wrong passphrase, bad timeouts)
         */
        public SshTarget build() {
            List<Problem> problems = new ArrayList<>();
            if (host == null || host.isBlank()) {
                problems.add(new Problem("host", "is missing", "set the machine's host name or IP address"));
            }
            if (port < 1 || port > 65535) {
                problems.add(new Problem("port", "is " + port, "use a TCP port from 1 to 65535, usually 22"));
            }
            if (user == null || user.isBlank()) {
                problems.add(new Problem("user", "is missing", "set the login user, e.g. ec2-user or ubuntu"));
            }
            if (privateKey == null && password == null && !useAgent) {
                problems.add(new Problem("privateKey", "no credentials are set",
                        "set privateKey(...), password(...) or useAgent(true)"));
            }
            if (privateKey != null) {
                PrivateKeys.problem(privateKey, passphrase).ifPresent(problems::add);
            }
            Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
            positive(problems, "connectTimeout", connectTimeout);
            positive(problems, "readyTimeout", readyTimeout);
            if (handshakeAttempts < 1) {
                problems.add(new Problem("handshakeAttempts", "is " + handshakeAttempts, "use 1 or more"));
            }
            if (keepAliveInterval == null || keepAliveInterval.isNegative()) {
                problems.add(new Problem("keepAliveInterval", "is " + keepAliveInterval,
                        "use a positive duration, or Duration.ZERO for no keepalive"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidSpecException("SSH target " + user + "@" + host + ":" + port, problems);
            }
            return new SshTarget(this);
        }

        private static void positive(List<Problem> problems, String field, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                problems.add(new Problem(field, "is " + value, "use a positive duration, e.g. Duration.ofSeconds(30)"));
            }
        }
    }
}
