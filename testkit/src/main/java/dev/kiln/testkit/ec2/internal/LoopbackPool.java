package dev.kiln.testkit.ec2.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out loopback addresses {@code 127.0.x.y} (x, y in 1..254), one per instance, never one that is in use.
 * When {@code checkPort} is positive an address is only handed out if that port can be bound on it, so two
 * LocalEc2s in one host don't collide. Thread-safe.
 */
public final class LoopbackPool {
    private static final int SIZE = 254 * 254;

    private final int checkPort;
    private final Set<String> inUse = new HashSet<>();
    private int next = ThreadLocalRandom.current().nextInt(SIZE);

    public LoopbackPool(int checkPort) {
        this.checkPort = checkPort;
    }

    public synchronized String allocate() {
        for (int tried = 0; tried < SIZE; tried++) {
            int index = next++ % SIZE;
            String address = "127.0." + (1 + index / 254) + "." + (1 + index % 254);
            if (!inUse.contains(address) && (checkPort <= 0 || bindable(address, checkPort))) {
                inUse.add(address);
                return address;
            }
        }
        throw new IllegalStateException("no free loopback address with port " + checkPort + " bindable");
    }

    public synchronized void release(String address) {
        inUse.remove(address);
    }

    /** 22 when this process may listen on port 22 of a loopback address, else {@code fallback}. */
    public static int sshPortOr(int fallback) {
        int index = ThreadLocalRandom.current().nextInt(SIZE);
        return bindable("127.0." + (1 + index / 254) + "." + (1 + index % 254), 22) ? 22 : fallback;
    }

    static boolean bindable(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
