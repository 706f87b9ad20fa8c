package dev.kiln.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.docker.DockerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Docker Engine API calls Kiln makes, over the daemon's Unix socket, one connection per call. A failure is
 * a {@link DockerException} naming what was asked and carrying the daemon's status and message; an interrupt
 * ends a call in flight with {@link InterruptedException}.
 *
 * <pre>{@code
 * Engine engine = new Engine(Path.of("/var/run/docker.sock"));
 * JsonNode image = engine.json("inspect of image busybox", "GET", "/images/busybox/json", null);
 * }</pre>
 */
public final class Engine {
    /** Jackson's mapper for the daemon's JSON. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private final Path socket;

    /** Calls the daemon listening on {@code socket}. */
    public Engine(Path socket) {
        this.socket = socket;
    }

    /** The daemon's socket. */
    public Path socket() {
        return socket;
    }

    /** A new JSON object for a request body. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Encodes a query parameter's value. */
    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Reads a body of JSON from the daemon; used for callers that stream it themselves. */
    @FunctionalInterface
    public interface BodyReader<T> {
        /** Reads the response body. */
        T read(InputStream body) throws IOException, InterruptedException;
    }

    /**
     * Makes a call whose answer is JSON (or empty) and returns it (an empty object for no body).
     *
     * @param what what is asked, in words, for error messages, e.g. {@code start of container 3f2a}
     * @param body the request's JSON body, or null
     */
    public JsonNode json(String what, String method, String target, JsonNode body) throws InterruptedException {
        return json(what, method, target, body, Map.of());
    }

    /** As {@link #json(String, String, String, JsonNode)}, with extra request headers. */
    public JsonNode json(String what, String method, String target, JsonNode body, Map<String, String> headers)
            throws InterruptedException {
        return call(what, method, target, headers, body, in -> {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? object() : JSON.readTree(bytes);
        });
    }

    /**
     * Makes a call whose answer streams JSON messages (pull, push, load), passing each one to {@code progress};
     * a message with an {@code error} fails the call.
     */
    public void stream(String what, String method, String target, Map<String, String> headers,
            Consumer<JsonNode> progress) throws InterruptedException {
        call(what, method, target, headers, null, in -> {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode message = JSON.readTree(line);
                if (message.hasNonNull("error")) {
                    throw new DockerException(0, what + ": " + message.get("error").asText(), null);
                }
                progress.accept(message);
            }
            return null;
        });
    }

    /** Makes a call and hands a successful answer's body to {@code reader}. */
    public <T> T call(String what, String method, String target, Map<String, String> headers, JsonNode body,
            BodyReader<T> reader) throws InterruptedException {
        return exchange(what, socket -> {
            byte[] bytes = body == null ? null : JSON.writeValueAsBytes(body);
            Map<String, String> all = body == null ? headers : withJsonType(headers);
            socket.request(method, target, all, bytes);
        }, reader);
    }

    /** Makes a call whose request body {@code writer} streams (an upload), and returns the answer's JSON. */
    public JsonNode send(String what, String method, String target, Map<String, String> headers,
            EngineSocket.BodyWriter writer) throws InterruptedException {
        return exchange(what, socket -> socket.request(method, target, headers, writer), in -> {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? object() : JSON.readTree(bytes);
        });
    }

    /** Opens a connection for a call that keeps it (exec start); the caller reads and closes it. */
    public EngineSocket open(String what) throws InterruptedException {
        try {
            return EngineSocket.open(socket);
        } catch (IOException e) {
            throw failure(what, e);
        }
    }

    /** The exception for a call that failed on the connection, or an interrupt when the thread was interrupted. */
    public DockerException failure(String what, IOException e) throws InterruptedException {
        if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
            throw (InterruptedException) new InterruptedException("interrupted during " + what).initCause(e);
        }
        return new DockerException(0, what + ": cannot talk to the Docker daemon at " + socket + ": " + e.getMessage(), e);
    }

    /** The exception for an answer with an error status; reads the daemon's {@code message}. */
    public static DockerException refusal(String what, int status, InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(64 * 1024);
        String message = new String(bytes, StandardCharsets.UTF_8).trim();
        try {
            JsonNode json = JSON.readTree(bytes);
            if (json != null && json.hasNonNull("message")) {
                message = json.get("message").asText();
            }
        } catch (IOException notJson) {
            // the plain text is the message
        }
        return new DockerException(status, what + ": " + status + " " + message, null);
    }

    @FunctionalInterface
    private interface Sender {
        void send(EngineSocket socket) throws IOException, InterruptedException;
    }

    private <T> T exchange(String what, Sender sender, BodyReader<T> reader) throws InterruptedException {
        try (EngineSocket s = EngineSocket.open(socket)) {
            try {
                sender.send(s);
            } catch (IOException e) {
                throw refusalOr(what, s, e);
            }
            EngineSocket.Head head = s.head();
            InputStream body = s.body();
            if (head.status() >= 400) {
                throw refusal(what, head.status(), body);
            }
            return reader.read(body);
        } catch (IOException e) {
            throw failure(what, e);
        }
    }

    /**
     * The daemon may answer and close before a request's body was all sent (a PUT to a missing directory): its
     * refusal says more than the broken pipe does.
     */
    private IOException refusalOr(String what, EngineSocket s, IOException sendFailure) {
        if (sendFailure instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
            return sendFailure;
        }
        try {
            EngineSocket.Head head = s.head();
            if (head.status() >= 400) {
                throw refusal(what, head.status(), s.body());
            }
        } catch (IOException noAnswer) {
            sendFailure.addSuppressed(noAnswer);
        }
        return sendFailure;
    }

    private static Map<String, String> withJsonType(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return all;
    }
}
