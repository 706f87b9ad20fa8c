package dev.kiln.ssh.internal;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.JSchException;
import java.io.IOException;
import java.util.concurrent.ExecutionException;

/**
 * One command or transfer on a connection, made so that an interrupt of the calling thread always stops it.
 *
 * <p>JSch swallows interrupts in some of its waits and clears the thread's interrupt flag there: while a channel
 * opens, while a write waits for window space from the server, and during a key re-exchange. An interrupt that
 * landed in one of them was lost, and an upload went on as if nothing had happened. So the call's JSch work runs
 * on a thread of its own ({@link OwnThread}) and the caller only waits. An interrupt of the caller marks the call
 * cancelled, a mark nothing can clear; the work checks it between blocks of data and stops, closing its channels
 * itself. (Closing a channel from the caller's thread is not safe: JSch may still send a data packet on it after
 * the close, and OpenSSH then drops the whole connection.) The caller throws {@link InterruptedException} once the
 * work has ended, or after {@link OwnThread#GRACE_MILLIS} at the latest. The connection stays up for other calls.
 */
final class Call {
    private final Connection connection;
    private volatile boolean cancelled;

    private Call(Connection connection) {
        this.connection = connection;
    }

    /**
     * Runs {@code work} on {@code connection} and returns its result; {@code what} ("exec", "transfer") names
     * the thread.
     *
     * @throws InterruptedException when the calling thread is interrupted
     */
    static <T> T run(Connection connection, String what, Work<T> work)
            throws JSchException, IOException, InterruptedException {
        Call call = new Call(connection);
        try {
            return OwnThread.call("kiln-ssh " + what + " " + connection.address(), () -> work.run(call),
                    () -> call.cancelled = true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JSchException j) {
                throw j;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException i) {
                throw i;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) cause;
        }
    }

    /** Opens a channel of {@code type} ("exec", "sftp") for this call, not yet connected. */
    Channel open(String type) throws JSchException, InterruptedException {
        checkCancelled();
        return connection.session().openChannel(type);
    }

    /** True while the transport to the target is up. */
    boolean connectionOpen() {
        return connection.isOpen();
    }

    /** True once the caller was interrupted: the work should stop. */
    boolean cancelled() {
        return cancelled;
    }

    /** Throws when the caller was interrupted. */
    void checkCancelled() throws InterruptedException {
        if (cancelled) {
            throw new InterruptedException("cancelled");
        }
    }

    /** What a call does on its connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Call call) throws JSchException, IOException, InterruptedException;
    }
}
