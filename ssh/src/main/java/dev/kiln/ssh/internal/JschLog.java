package dev.kiln.ssh.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes JSch's own log lines to SLF4J, all at debug level (JSch's levels are too chatty for info). */
final class JschLog implements com.jcraft.jsch.Logger {
    static final JschLog INSTANCE = new JschLog();
    private static final Logger LOG = LoggerFactory.getLogger("dev.kiln.ssh.jsch");

    private JschLog() {
    }

    @Override
    public boolean isEnabled(int level) {
        return LOG.isDebugEnabled();
    }

    @Override
    public void log(int level, String message) {
        LOG.debug("{}", message);
    }
}
