package dev.kiln.docker.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange with the Docker daemon over its Unix socket: a request, then its response, then the
 * connection closes ({@code Connection: close}). Blocking reads and writes end with an
 * {@link java.nio.channels.ClosedByInterruptException} when the thread is interrupted, and {@link #close()} from
 * another thread ends them too, which is how a cancel or a timeout cuts a call off in flight.
 *
 * <pre>{@code
 * try (EngineSocket s = EngineSocket.open(Path.of("/var/run/docker.sock"))) {
 *     s.request("GET", "/_ping", Map.of(), null);
 *     EngineSocket.Head head = s.head();
 * }
 * }</pre>
 */
public final class EngineSocket implements Closeable {
    private static final int MAX_HEAD = 64 * 1024;

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private Head head;

    private EngineSocket(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    }

    /** Connects to the daemon's socket. */
    public static EngineSocket open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new EngineSocket(channel);
    }

    /**
     * The status line and headers of a response.
     *
     * @param status the HTTP status
     * @param headers the headers, names in lower case
     */
    public record Head(int status, Map<String, String> headers) {
        /** A header's value, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Writes a body in pieces; used for chunked request bodies. */
    @FunctionalInterface
    public interface BodyWriter {
        /** Writes the whole body to {@code out}; does not close it. */
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    /**
     * Sends a request with a body of known bytes, or none.
     *
     * @param target the path and query, e.g. {@code /containers/json?all=1}
     * @param body the body, or null for none
     */
    public void request(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        writeHead(method, target, headers, body == null ? "0" : String.valueOf(body.length), false);
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    /** Sends a request whose body {@code writer} streams with chunked transfer encoding. */
    public void request(String method, String target, Map<String, String> headers, BodyWriter writer)
            throws IOException, InterruptedException {
        writeHead(method, target, headers, null, false);
        ChunkedOutput chunked = new ChunkedOutput(out);
        writer.write(chunked);
        chunked.finish();
        out.flush();
    }

    /** Sends a request that asks the daemon to hand the connection over to a raw stream (exec start). */
    public void upgrade(String method, String target, byte[] body) throws IOException {
        writeHead(method, target, Map.of("Content-Type", "application/json"), String.valueOf(body.length), true);
        out.write(body);
        out.flush();
    }

    private void writeHead(String method, String target, Map<String, String> headers, String length, boolean upgrade)
            throws IOException {
        StringBuilder h = new StringBuilder();
        h.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        h.append("Host: docker\r\n");
        if (upgrade) {
            h.append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
        } else {
            h.append("Connection: close\r\n");
        }
        headers.forEach((name, value) -> h.append(name).append(": ").append(value).append("\r\n"));
        if (length == null) {
            h.append("Transfer-Encoding: chunked\r\n");
        } else {
            h.append("Content-Length: ").append(length).append("\r\n");
        }
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads the response's status line and headers (once; later calls return the same). */
    public Head head() throws IOException {
        if (head == null) {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP response from the Docker socket: " + statusLine);
            }
            Map<String, String> headers = new TreeMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            head = new Head(Integer.parseInt(parts[1]), headers);
        }
        return head;
    }

    /**
     * The response body: de-chunked, bounded by its length, or (for an upgraded connection or a body of no stated
     * length) everything until the daemon closes the connection.
     */
    public InputStream body() throws IOException {
        Head h = head();
        if (h.status() == 101 || h.status() == 204 || h.status() == 304) {
            return h.status() == 101 ? in : InputStream.nullInputStream();
        }
        if ("chunked".equalsIgnoreCase(h.header("transfer-encoding"))) {
            return new ChunkedInput(in);
        }
        String length = h.header("content-length");
        return length == null ? in : new BoundedInput(in, Long.parseLong(length));
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the Docker daemon closed the connection before its answer ended");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() > MAX_HEAD) {
                throw new IOException("the Docker daemon's answer has a line longer than " + MAX_HEAD + " bytes");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Closes the connection; a read or write in flight on another thread ends with an exception. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
