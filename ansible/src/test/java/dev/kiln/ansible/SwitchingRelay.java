package dev.kiln.ansible;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback that sends its first connection to one port and every later one to another: a machine
 * swapped for an impostor after Kiln's own connection verified its host key.
 */
final class SwitchingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int firstPort;
    private final int laterPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private int accepted;

    SwitchingRelay(int firstPort, int laterPort) throws IOException {
        this.firstPort = firstPort;
        this.laterPort = laterPort;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The relay's port on 127.0.0.1. */
    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                int port = accepted++ == 0 ? firstPort : laterPort;
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                sockets.add(client);
                sockets.add(upstream);
                pump(client.getInputStream(), upstream.getOutputStream());
                pump(upstream.getInputStream(), client.getOutputStream());
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static void pump(InputStream in, OutputStream out) {
        Thread thread = new Thread(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            }
        }, "relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
