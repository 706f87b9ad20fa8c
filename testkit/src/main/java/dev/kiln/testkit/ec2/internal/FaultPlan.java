package dev.kiln.testkit.ec2.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** The faults LocalEc2 is told to inject, and the checks its request path and lifecycle make. Thread-safe. */
public final class FaultPlan {
    /** Marks an action throttled on every call until cleared. */
    private static final int ALWAYS = -1;

    private final long seed;
    private Random random;
    private double throttleRate;
    private final Map<String, Integer> throttledActions = new HashMap<>();
    private final Map<String, Duration> delays = new HashMap<>();
    private final Map<String, Integer> held = new HashMap<>();
    private final Map<String, Integer> lostAnswers = new HashMap<>();
    private final Set<String> refusedTagTypes = new HashSet<>();
    private boolean refusesEd25519Keys;
    private int consistencyDescribes;
    private int unreachableInstances;
    private int bootFailures;
    private int imageFailures;
    private int copyFailures;

    public FaultPlan(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The seed of LocalEc2's random sequences. */
    public long seed() {
        return seed;
    }

    public synchronized void throttleRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("throttle rate must be between 0 and 1, got " + rate);
        }
        throttleRate = rate;
    }

    public synchronized void throttle(String action, int times) {
        if (times != ALWAYS) {
            atLeastOne(times);
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

    public synchronized void loseAnswers(String action, int times) {
        lostAnswers.put(action, atLeastOne(times));
    }

    public synchronized void refuseTagSpecifications(String resourceType) {
        if (resourceType.isBlank()) {
            throw new IllegalArgumentException("resourceType must name an EC2 resource type, e.g. snapshot");
        }
        refusedTagTypes.add(resourceType);
    }

    public synchronized void refuseEd25519Keys() {
        refusesEd25519Keys = true;
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
        lostAnswers.clear();
        refusedTagTypes.clear();
        refusesEd25519Keys = false;
        consistencyDescribes = 0;
        unreachableInstances = 0;
        bootFailures = 0;
        imageFailures = 0;
        copyFailures = 0;
    }

    /** True when this call to {@code action} is to be answered with RequestLimitExceeded. */
    public synchronized boolean throttles(String action) {
        return takeOne(throttledActions, action) || throttleRate > 0 && random.nextDouble() < throttleRate;
    }

    /** True when the answer to this call to {@code action} is to be lost: the connection closes instead. */
    public synchronized boolean losesAnswer(String action) {
        return takeOne(lostAnswers, action);
    }

    /** True when a request with a creation-time TagSpecification for {@code resourceType} is refused. */
    public synchronized boolean refusesTagSpecification(String resourceType) {
        return refusedTagTypes.contains(resourceType);
    }

    public synchronized boolean refusesEd25519Keys() {
        return refusesEd25519Keys;
    }

    /** Counts one call down from {@code counts}: true when {@code action} had a count left (or is ALWAYS). */
    private static boolean takeOne(Map<String, Integer> counts, String action) {
        Integer left = counts.get(action);
        if (left == null) {
            return false;
        }
        if (left == 1) {
            counts.remove(action);
        } else if (left != ALWAYS) {
            counts.put(action, left - 1);
        }
        return true;
    }

    public synchronized Duration delayOf(String action) {
        return delays.getOrDefault(action, Duration.ZERO);
    }

    /** Counts a call of {@code action} that a delay holds. */
    public synchronized void hold(String action) {
        held.merge(action, 1, Integer::sum);
    }

    /** Counts a held call of {@code action} as released, about to be carried out. */
    public synchronized void release(String action) {
        held.computeIfPresent(action, (a, n) -> n > 1 ? n - 1 : null);
    }

    /** How many calls of {@code action} a delay holds right now. */
    public synchronized int held(String action) {
        return held.getOrDefault(action, 0);
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

    private static int atLeastOne(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        return times;
    }

    private static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }
}
