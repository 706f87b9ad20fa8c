package dev.kiln.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A Unix socket in front of the real daemon's that passes every call through, except the first whose request
 * line matches a pattern: that one reaches the daemon, and once the daemon's answer begins, the proxy runs
 * {@code onCut} (which cancels the build) and never hands the answer over, as when a call is cut off in
 * flight after the daemon acted on it.
 */
final class CuttingProxy implements AutoCloseable {
    private final Path socket;
    private final Path upstream;
    private final Pattern requestLine;
    private final Runnable onCut;
    private final AtomicBoolean cut = new AtomicBoolean();
    private final ServerSocketChannel server;

    CuttingProxy(Path dir, Path upstream, String requestLineRegex, Runnable onCut) throws IOException {
        this.socket = dir.resolve("proxy.sock");
        this.upstream = upstream;
        this.requestLine = Pattern.compile(requestLineRegex);
        this.onCut = onCut;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        daemon(this::accept, "proxy-accept");
    }

    /** The host to give the builder. */
    DockerHost host() {
        return DockerHost.unixSocket(socket);
    }

    /** True once a call was cut. */
    boolean cut() {
        return cut.get();
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel client = server.accept();
                daemon(() -> serve(client), "proxy-connection");
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    private void serve(SocketChannel client) {
        try (client; SocketChannel daemon = SocketChannel.open(UnixDomainSocketAddress.of(upstream))) {
            ByteBuffer first = ByteBuffer.allocate(64 * 1024);
            String line = "";
            while (!line.contains("\r\n") && client.read(first) >= 0) {
                line = new String(first.array(), 0, first.position(), StandardCharsets.ISO_8859_1);
            }
            boolean cutThis = requestLine.matcher(line.split("\r\n", 2)[0]).find() && cut.compareAndSet(false, true);
            first.flip();
            daemon.write(first);
            daemon(() -> pipe(client, daemon), "proxy-request");
            if (cutThis) {
                ByteBuffer answer = ByteBuffer.allocate(1);
                daemon.read(answer);
                onCut.run();
                client.read(ByteBuffer.allocate(1));
                return;
            }
            pipe(daemon, client);
        } catch (IOException e) {
            // a side closed: the connection is over
        }
    }

    private static void pipe(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // a side closed
        }
    }

    private static void daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
