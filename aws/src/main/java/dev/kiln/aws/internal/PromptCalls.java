package dev.kiln.aws.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * An EC2 client whose calls a cancel cuts short. A blocking HTTP read ignores interrupts, so a call EC2 holds
 * would keep a cancelled build waiting for its answer. Here each call runs on a thread of its own while the
 * calling thread waits: an interrupt returns at once with the SDK's {@link AbortedException}, and the call
 * finishes unobserved. A thread already interrupted sends nothing. Calls that create something also need their
 * answer after a cancel; {@link CreateCall} keeps it for their undo.
 */
final class PromptCalls implements InvocationHandler {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "kiln-ec2-call-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private final Ec2Client client;

    private PromptCalls(Ec2Client client) {
        this.client = client;
    }

    /** The client, with every call cut short by an interrupt of the calling thread. */
    static Ec2Client of(Ec2Client client) {
        return (Ec2Client) Proxy.newProxyInstance(Ec2Client.class.getClassLoader(), new Class<?>[] {Ec2Client.class},
                new PromptCalls(client));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class || method.getName().equals("close")) {
            return call(method, args);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw AbortedException.builder().message("cancelled before " + method.getName() + " was sent").build();
        }
        CompletableFuture<Object> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return call(method, args);
            } catch (Throwable e) {
                throw new CallFailure(e);
            }
        }, CALLS);
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CallFailure failure ? failure.getCause() : e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("cancelled during " + method.getName()).cause(e).build();
        }
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(client, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Carries a call's own exception through the future unchanged. */
    private static final class CallFailure extends RuntimeException {
        CallFailure(Throwable cause) {
            super(cause);
        }
    }
}
