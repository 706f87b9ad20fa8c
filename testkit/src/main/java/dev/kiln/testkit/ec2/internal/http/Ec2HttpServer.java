package dev.kiln.testkit.ec2.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kiln.testkit.ec2.internal.ActionDispatcher;
import dev.kiln.testkit.ec2.internal.FaultPlan;
import dev.kiln.testkit.ec2.internal.Lifecycle;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of LocalEc2: accepts the Query protocol (form-encoded POST, or GET with a query string) on
 * 127.0.0.1, finds the region in the SigV4 scope, applies any delay fault on the scheduler, and answers
 * with the dispatcher's XML, or closes the connection unanswered when the answer is to be lost.
 */
public final class Ec2HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Ec2HttpServer.class);
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server sends a response's headers and its body as two writes. With Nagle's algorithm on, the
        // body waits for the client's delayed ACK of the headers: 40 ms on Linux, added to every EC2 call, which
        // real EC2 does not do. The JDK reads this switch once, when its first HttpServer starts.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ActionDispatcher dispatcher;
    private final FaultPlan faults;
    private final Lifecycle lifecycle;
    private final String defaultRegion;

    public Ec2HttpServer(int port, ActionDispatcher dispatcher, FaultPlan faults, Lifecycle lifecycle,
                         String defaultRegion) throws IOException {
        this.dispatcher = dispatcher;
        this.faults = faults;
        this.lifecycle = lifecycle;
        this.defaultRegion = defaultRegion;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-ec2-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Map<String, String> params = new LinkedHashMap<>();
            FormDecoder.decodeInto(exchange.getRequestURI().getRawQuery(), params);
            FormDecoder.decodeInto(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String region = CredentialScope.region(authorization, params.get("X-Amz-Credential"), defaultRegion);
            Duration delay = faults.delayOf(params.getOrDefault("Action", ""));
            if (delay.isZero()) {
                respond(exchange, region, params);
            } else {
                String action = params.getOrDefault("Action", "");
                faults.hold(action);
                lifecycle.after(delay, () -> executor.execute(() -> {
                    faults.release(action);
                    respond(exchange, region, params);
                }));
            }
        } catch (IOException | RuntimeException e) {
            log.error("LocalEc2 could not read a request", e);
            exchange.close();
        }
    }

    /** Carries the call out, then answers it, or closes the connection when its answer is to be lost. */
    private void respond(HttpExchange exchange, String region, Map<String, String> params) {
        ActionDispatcher.Answer answer = dispatcher.dispatch(region, params);
        if (faults.losesAnswer(params.getOrDefault("Action", ""))) {
            log.debug("LocalEc2 loses the answer to request {}", answer.requestId());
            // Before sendResponseHeaders, the JDK server closes the connection itself: no status line is sent.
            exchange.close();
        } else {
            answer(exchange, answer);
        }
    }

    private static void answer(HttpExchange exchange, ActionDispatcher.Answer answer) {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            exchange.getResponseHeaders().set("x-amzn-RequestId", answer.requestId());
            exchange.sendResponseHeaders(answer.status(), body.length);
            out.write(body);
        } catch (IOException e) {
            log.debug("LocalEc2 client went away before its answer", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
