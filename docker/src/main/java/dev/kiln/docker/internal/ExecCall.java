package dev.kiln.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.CommandTimeoutException;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.internal.OutputLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one command in a container as {@code docker exec CONTAINER /bin/sh -c LINE} does, through the Engine API:
 * creates an exec, starts it on a connection the daemon hands over to a raw stream, splits that stream's
 * frames into stdout and stderr lines, and reads the exit status from the exec's inspect, so status and output
 * are what {@code docker exec} reports, 128 plus the signal's number for a command killed by a signal included.
 *
 * <p>The shell first prints its own process id on a line the caller never sees, then replaces itself with
 * {@code /bin/sh -c LINE}; a command that runs past its timeout is killed by that id and its stream closed.
 *
 * <pre>{@code
 * CommandResult r = ExecCall.run(engine, containerId, "root", Command.of("id -u"), sink);
 * }</pre>
 */
public final class ExecCall {
    private static final String WRAPPER = "echo $$; exec /bin/sh -c \"$1\"";
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kiln-docker-exec-timeout");
        t.setDaemon(true);
        return t;
    });
    private static final int STATUS_POLLS = 200;

    private ExecCall() {
    }

    /**
     * Runs {@code command} in {@code container} as {@code user} (empty for the image's user).
     *
     * @return the exit status, or a lost connection when the container stopped before the exec reported one
     * @throws CommandTimeoutException when the command's timeout passed; the command was killed
     */
    public static CommandResult run(Engine engine, String container, String user, Command command, OutputSink output)
            throws InterruptedException {
        String what = "exec in container " + short12(container);
        ObjectNode create = Engine.object();
        create.put("AttachStdin", false).put("AttachStdout", true).put("AttachStderr", true).put("Tty", false);
        create.put("User", user);
        create.putArray("Cmd").add("/bin/sh").add("-c").add(WRAPPER).add("kiln").add(command.line());
        String execId = engine.json(what, "POST", "/containers/" + container + "/exec", create).get("Id").asText();
        ObjectNode start = Engine.object().put("Detach", false).put("Tty", false);
        AtomicBoolean timedOut = new AtomicBoolean();
        Frames frames = new Frames(output);
        try (EngineSocket socket = engine.open(what)) {
            ScheduledFuture<?> deadline = command.hasTimeout() ? TIMER.schedule(() -> {
                timedOut.set(true);
                closeQuietly(socket);
            }, command.timeout().toMillis(), TimeUnit.MILLISECONDS) : null;
            try {
                socket.upgrade("POST", "/exec/" + execId + "/start", Engine.JSON.writeValueAsBytes(start));
                EngineSocket.Head head = socket.head();
                if (head.status() >= 400) {
                    throw Engine.refusal(what, head.status(), socket.body());
                }
                frames.copy(socket.body());
            } catch (IOException e) {
                if (!timedOut.get()) {
                    throw engine.failure(what, e);
                }
            } finally {
                if (deadline != null) {
                    deadline.cancel(false);
                }
            }
        } catch (IOException e) {
            throw engine.failure(what, e);
        }
        if (timedOut.get()) {
            kill(engine, container, user, frames.pid());
            throw new CommandTimeoutException(command.line(), command.timeout());
        }
        return status(engine, execId, what);
    }

    private static CommandResult status(Engine engine, String execId, String what) throws InterruptedException {
        for (int poll = 0; ; poll++) {
            JsonNode exec = engine.json(what, "GET", "/exec/" + execId + "/json", null);
            if (!exec.path("Running").asBoolean(false)) {
                JsonNode code = exec.get("ExitCode");
                return code == null || code.isNull() ? CommandResult.lostConnection() : CommandResult.exited(code.asInt());
            }
            if (poll == STATUS_POLLS) {
                return CommandResult.lostConnection();
            }
            // The stream ended a moment before the daemon recorded the exit.
            Thread.sleep(Math.min(50, 1 + poll));
        }
    }

    private static void kill(Engine engine, String container, String user, String pid) throws InterruptedException {
        if (pid.isEmpty()) {
            return;
        }
        ObjectNode create = Engine.object();
        create.put("AttachStdout", false).put("AttachStderr", false).put("User", user);
        create.putArray("Cmd").add("kill").add("-KILL").add(pid);
        String what = "kill of a timed-out command in container " + short12(container);
        String execId = engine.json(what, "POST", "/containers/" + container + "/exec", create).get("Id").asText();
        engine.json(what, "POST", "/exec/" + execId + "/start", Engine.object().put("Detach", true));
    }

    /** The first 12 characters of an id, as {@code docker ps} shows it. */
    public static String short12(String id) {
        String bare = id.startsWith("sha256:") ? id.substring(7) : id;
        return bare.length() > 12 ? bare.substring(0, 12) : bare;
    }

    private static void closeQuietly(EngineSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all a timeout needs
        }
    }

    /** Splits the daemon's multiplexed stream: 8-byte headers (stream, 0, 0, 0, big-endian size), then the bytes. */
    private static final class Frames {
        private final OutputLines stdout;
        private final OutputLines stderr;
        private final ByteArrayOutputStream pid = new ByteArrayOutputStream();
        private boolean pidRead;

        Frames(OutputSink output) {
            stdout = new OutputLines(OutputStreamKind.STDOUT, output);
            stderr = new OutputLines(OutputStreamKind.STDERR, output);
        }

        void copy(InputStream in) throws IOException {
            byte[] buffer = new byte[32 * 1024];
            while (true) {
                byte[] header = in.readNBytes(8);
                if (header.length < 8) {
                    break;
                }
                int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                        | (header[7] & 0xff);
                while (size > 0) {
                    int n = in.read(buffer, 0, Math.min(buffer.length, size));
                    if (n < 0) {
                        break;
                    }
                    size -= n;
                    if (header[0] == 2) {
                        stderr.write(buffer, 0, n);
                    } else {
                        stdoutBytes(buffer, n);
                    }
                }
            }
            stdout.close();
            stderr.close();
        }

        private void stdoutBytes(byte[] buffer, int n) {
            int from = 0;
            while (!pidRead && from < n) {
                byte b = buffer[from++];
                if (b == '\n') {
                    pidRead = true;
                } else {
                    pid.write(b);
                }
            }
            stdout.write(buffer, from, n - from);
        }

        String pid() {
            return pid.toString(StandardCharsets.US_ASCII).trim();
        }
    }
}
