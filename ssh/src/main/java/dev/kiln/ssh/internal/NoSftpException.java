package dev.kiln.ssh.internal;

import com.jcraft.jsch.JSchException;

/** The server refused the sftp subsystem: transfers must use SCP. */
final class NoSftpException extends JSchException {
    private static final long serialVersionUID = 1L;

    NoSftpException(JSchException cause) {
        super("the server has no SFTP subsystem: " + cause.getMessage(), cause);
    }
}
