package dev.kiln.aws.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client whose requests a cancel cuts short. A blocking socket read ignores interrupts, so a call EC2
 * holds would keep a cancelled build waiting for its answer. Here each request runs on a thread of its own while
 * the calling thread waits: an interrupt aborts the request (the connection is closed) and returns at once, and
 * the SDK reports the cancel. A thread already interrupted sends nothing. Calls that create something also need
 * their answer after a cancel; {@link CreateCall} runs them on a thread a cancel does not interrupt.
 */
final class PromptHttpClient implements SdkHttpClient {
    private static final ExecutorService REQUESTS = DaemonThreads.pool("kiln-ec2-request");

    private final SdkHttpClient delegate;

    PromptHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest sent = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("cancelled before the request was sent");
                }
                CompletableFuture<HttpExecuteResponse> response = CompletableFuture.supplyAsync(() -> {
                    try {
                        return sent.call();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, REQUESTS);
                try {
                    return response.get();
                } catch (InterruptedException e) {
                    sent.abort();
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("cancelled while waiting for EC2's answer");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UncheckedIOException io) {
                        throw io.getCause();
                    }
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IOException(e.getCause());
                }
            }

            @Override
            public void abort() {
                sent.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
