package dev.kiln.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Debian's {@code docker-registry} (the Distribution registry) on 127.0.0.1 with a free port, its storage in a
 * temporary directory and, when {@code htpasswd} can make a bcrypt entry, basic authentication. Docker pushes to a
 * registry on loopback over plain HTTP without being told to.
 */
final class LocalRegistry implements AutoCloseable {
    static final String USER = "kiln";
    private static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final int port;
    private final Path dir;
    private final boolean authenticated;

    private LocalRegistry(Process process, int port, Path dir, boolean authenticated) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.authenticated = authenticated;
    }

    /** Starts a registry that wants {@link #USER} and {@code password}, and waits until it answers. */
    static LocalRegistry start(String password) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError("No " + BINARY + ": ./test installs the Debian package docker-registry");
        }
        Path dir = Files.createTempDirectory("kiln-registry");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process htpasswd = new ProcessBuilder("htpasswd", "-nbB", USER, password).start();
        String entry = new String(htpasswd.getInputStream().readAllBytes()).trim();
        if (htpasswd.waitFor() != 0 || entry.isEmpty()) {
            throw new AssertionError("htpasswd could not make a bcrypt entry: ./test installs apache2-utils");
        }
        Files.writeString(dir.resolve("htpasswd"), entry + "\n");
        Files.writeString(dir.resolve("config.yml"), String.join("\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("data"),
                "http:",
                "  addr: 127.0.0.1:" + port,
                "auth:",
                "  htpasswd:",
                "    realm: kiln-test",
                "    path: " + dir.resolve("htpasswd"),
                ""));
        Process process = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, port, dir, true);
        registry.awaitReady();
        return registry;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == (authenticated ? 401 : 200)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("docker-registry did not answer: " + Files.readString(dir.resolve("registry.log")));
            }
            Thread.sleep(50);
        }
    }

    /** The registry's address, {@code 127.0.0.1:PORT}. */
    String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
        new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
    }
}
