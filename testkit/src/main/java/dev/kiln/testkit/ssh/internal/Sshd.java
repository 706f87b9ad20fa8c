package dev.kiln.testkit.ssh.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** Apache MINA SSHD configured from {@link SshdSettings}: the engine behind {@code LocalSshServer}. */
public final class Sshd {
    private final SshdSettings settings;
    private final SshServer server;
    private final ProcessRegistry processes = new ProcessRegistry();
    private final ExecutorService pumps;

    private Sshd(SshdSettings settings) {
        this.settings = settings;
        this.pumps = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "kiln-ssh-io");
            thread.setDaemon(true);
            return thread;
        });
        this.server = configure(SshServer.setUpDefaultServer());
    }

    /** Starts a server; returns once it accepts connections. */
    public static Sshd start(SshdSettings settings) throws IOException {
        Sshd sshd = new Sshd(settings);
        try {
            sshd.server.start();
        } catch (IOException | RuntimeException e) {
            sshd.stop();
            throw e;
        }
        return sshd;
    }

    /** The port the server is bound to. */
    public int port() {
        return server.getPort();
    }

    /** Closes the listener and every session at once, then kills every process the server launched. */
    public void stop() {
        try {
            server.stop(true);
        } catch (IOException e) {
            // an immediate close does not wait for peers; there is nothing left to retry
        } finally {
            processes.killAll();
            pumps.shutdownNow();
        }
    }

    private SshServer configure(SshServer sshd) {
        sshd.setHost(settings.bindAddress());
        sshd.setPort(settings.port());
        sshd.setKeyPairProvider(KeyPairProvider.wrap(settings.hostKey().keyPair()));
        sshd.setPublickeyAuthenticator((username, key, session) -> isUser(username) && isAuthorized(key));
        sshd.setPasswordAuthenticator(settings.password() == null
                ? null
                : (username, password, session) -> isUser(username) && passwordMatches(password));
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setCommandFactory((channel, command) -> process(command));
        sshd.setShellFactory(channel -> process("exec /bin/sh"));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(settings.directory().toAbsolutePath()));
        sshd.setSubsystemFactories(settings.sftp() ? List.of(sftpFactory()) : List.of());
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                if (!settings.admission().getAsBoolean()) {
                    session.close(true);
                }
            }
        });
        return sshd;
    }

    private SubsystemFactory sftpFactory() {
        if (settings.sftpServerCommand() == null) {
            return new SftpSubsystemFactory();
        }
        return new SubsystemFactory() {
            @Override
            public String getName() {
                return SftpSubsystemFactory.NAME;
            }

            @Override
            public Command createSubsystem(ChannelSession channel) {
                return process(settings.sftpServerCommand());
            }
        };
    }

    private Command process(String command) {
        return new ProcessCommand(command, settings.launcher(), processes, pumps);
    }

    private boolean isUser(String username) {
        return settings.user().equals(username);
    }

    private boolean isAuthorized(PublicKey key) {
        return settings.authorizedKeys().stream().anyMatch(authorized -> KeyUtils.compareKeys(authorized, key));
    }

    private boolean passwordMatches(String offered) {
        return MessageDigest.isEqual(
                offered.getBytes(StandardCharsets.UTF_8), settings.password().reveal().getBytes(StandardCharsets.UTF_8));
    }
}
