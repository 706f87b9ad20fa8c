package dev.kiln.ssh.internal;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.CommandTimeoutException;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.OutputStreamKind;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command on its own exec channel, as a {@link Call} (an interrupt stops it at once). Output goes
 * straight from JSch's reading thread into {@link LineSink}s (no pipes to fill, so no deadlock), and the call
 * waits for the channel to close.
 */
public final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    /** How often the waiting thread re-checks the connection while the command runs. */
    private static final long CHECK_MILLIS = 200;
    private static final long NO_DEADLINE = Long.MAX_VALUE;
    /** How long a channel that ended without an exit status waits to learn whether the connection went too. */
    private static final long SETTLE_MILLIS = 1_000;

    private CommandRunner() {
    }

    /**
     * Runs {@code command}.
     *
     * @throws JSchException when the channel cannot be opened (the command did not start)
     * @throws CommandTimeoutException when the command's timeout passed; the command was sent SIGKILL
     * @throws InterruptedException when the thread is interrupted; the command is sent SIGKILL and its channel closed
     */
    public static CommandResult run(Connection connection, Command command, OutputSink sink, boolean pty,
            int openTimeoutMillis) throws JSchException, IOException, InterruptedException {
        return Call.run(connection, "exec", call -> run(call, command, sink, pty, openTimeoutMillis));
    }

    private static CommandResult run(Call call, Command command, OutputSink sink, boolean pty, int openTimeoutMillis)
            throws JSchException, InterruptedException {
        ChannelExec channel = (ChannelExec) call.open("exec");
        CountDownLatch closed = new CountDownLatch(1);
        channel.setCommand(command.line());
        channel.setPty(pty);
        LineSink stdout = new LineSink(OutputStreamKind.STDOUT, sink, () -> { });
        LineSink stderr = new LineSink(OutputStreamKind.STDERR, sink, closed::countDown);
        channel.setOutputStream(stdout, false);
        channel.setExtOutputStream(stderr, false);
        long deadline = command.hasTimeout() ? System.nanoTime() + command.timeout().toNanos() : NO_DEADLINE;
        try {
            channel.connect(openTimeoutMillis);
            closeInput(channel);
            while (!closed.await(Math.min(CHECK_MILLIS, millisUntil(deadline)), TimeUnit.MILLISECONDS)) {
                if (channel.isClosed() || !call.connectionOpen()) {
                    break;
                }
                call.checkCancelled();
                if (command.hasTimeout() && System.nanoTime() - deadline >= 0) {
                    stop(channel);
                    throw new CommandTimeoutException(command.line(), command.timeout());
                }
            }
            rethrowSinkFailure(stdout, stderr);
            int status = channel.getExitStatus();
            if (status == -1 && (!channel.isEOF() || connectionGoes(call))) {
                LOG.debug("connection lost while running: {}", command.line());
                return CommandResult.lostConnection();
            }
            return CommandResult.exited(status);
        } catch (InterruptedException e) {
            stop(channel);
            throw e;
        } finally {
            channel.disconnect();
        }
    }

    /**
     * A channel that ended without an exit status: the command was killed by a signal, or the connection went
     * down, which JSch notices a moment after the channel closes. Watches the connection for that moment.
     */
    private static boolean connectionGoes(Call call) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        while (call.connectionOpen()) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** The caller's sink threw while the command ran: the command ended anyway, now the caller sees why. */
    private static void rethrowSinkFailure(LineSink... sinks) {
        for (LineSink s : sinks) {
            if (s.sinkFailure() != null) {
                throw s.sinkFailure();
            }
        }
    }

    private static long millisUntil(long deadline) {
        if (deadline == NO_DEADLINE) {
            return CHECK_MILLIS;
        }
        return Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 1);
    }

    /** Sends EOF on stdin so commands that read it do not wait for input that never comes. */
    private static void closeInput(ChannelExec channel) {
        try {
            channel.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("could not close the command's stdin", e);
        }
    }

    /** Sends KILL to the command; OpenSSH refuses it for root sessions, where closing the channel must do. */
    private static void stop(ChannelExec channel) {
        try {
            channel.sendSignal("KILL");
        } catch (Exception e) {
            LOG.debug("could not send KILL to the command", e);
        }
    }
}
