package dev.kiln.testkit.ec2.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** The faults LocalEc2 is told to inject, and the checks its request path and lifecycle make. Thread-safe. */
public final class FaultPlan {
    /** Marks an action throttled on every call until cleared. */
    private static final int ALWAYS = -1;

    private final long seed;
    private Random random;
    private double throttleRate;
    private final Map<String, Integer> throttledActions = new HashMap<>();
    private final Map<String, Duration> delays = new HashMap<>();
    private int consistencyDescribes;
    private int unreachableInstances;
    private int bootFailures;
    private int imageFailures;
    private int copyFailures;

    public FaultPlan(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    public synchronized void throttleRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("throttle rate must be between 0 and 1, got " + rate);
        }
        throttleRate = rate;
    }

    public synchronized void throttle(String action, int times) {
        if (times < 1 && times != ALWAYS) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        throttledActions.put(action, times);
    }

    public void throttleAlways(String action) {
        throttle(action, ALWAYS);
    }

    public synchronized void delay(String action, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        delays.put(action, delay);
    }

    public synchronized void eventualConsistency(int describes) {
        consistencyDescribes = nonNegative(describes, "describes");
    }

    public synchronized void unreachableInstances(int count) {
        unreachableInstances = nonNegative(count, "count");
    }

    public synchronized void bootFailures(int count) {
        bootFailures = nonNegative(count, "count");
    }

    public synchronized void imageFailures(int count) {
        imageFailures = nonNegative(count, "count");
    }

    public synchronized void copyFailures(int count) {
        copyFailures = nonNegative(count, "count");
    }

    /** Forgets every fault and restarts the throttling sequence from the seed. */
    public synchronized void clear() {
        random = new Random(seed);
        throttleRate = 0;
        throttledActions.clear();
        delays.clear();
        consistencyDescribes = 0;
        unreachableInstances = 0;
        bootFailures = 0;
        imageFailures = 0;
        copyFailures = 0;
    }

    /** True when this call to {@code action} is to be answered with RequestLimitExceeded. */
    public synchronized boolean throttles(String action) {
        Integer left = throttledActions.get(action);
        if (left != null) {
            if (left == ALWAYS) {
                return true;
            }
            if (left == 1) {
                throttledActions.remove(action);
            } else {
                throttledActions.put(action, left - 1);
            }
            return true;
        }
        return throttleRate > 0 && random.nextDouble() < throttleRate;
    }

    public synchronized Duration delayOf(String action) {
        return delays.getOrDefault(action, Duration.ZERO);
    }

    /** How many describes a new instance or image id stays invisible for. */
    public synchronized int consistencyDescribes() {
        return consistencyDescribes;
    }

    public synchronized boolean takeUnreachable() {
        return unreachableInstances > 0 && unreachableInstances-- > 0;
    }

    public synchronized boolean takeBootFailure() {
        return bootFailures > 0 && bootFailures-- > 0;
    }

    public synchronized boolean takeImageFailure() {
        return imageFailures > 0 && imageFailures-- > 0;
    }

    public synchronized boolean takeCopyFailure() {
        return copyFailures > 0 && copyFailures-- > 0;
    }

    private static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }
}
