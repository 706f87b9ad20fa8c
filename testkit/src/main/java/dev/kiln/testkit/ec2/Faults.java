package dev.kiln.testkit.ec2;

import dev.kiln.testkit.ec2.internal.FaultPlan;
import java.time.Duration;
import java.util.Objects;

/**
 * Faults a running LocalEc2 injects on demand, to test how a client copes with what AWS does on a bad day.
 * Changes apply to the requests that follow. Throttling by rate draws from a random sequence seeded by
 * {@link LocalEc2.Builder#randomSeed(long)}, so a run is repeatable.
 *
 * <pre>{@code
 * localEc2.faults()
 *         .throttle("RunInstances", 2)          // the next two RunInstances get RequestLimitExceeded
 *         .eventualConsistency(3)               // new instance and image ids are NotFound for 3 describes
 *         .imagesFail(1)                        // the next CreateImage ends "failed"
 *         .loseAnswers("CreateImage", 1)        // the image is made, but its answer never arrives
 *         .refuseTagSpecifications("snapshot")  // answer like an EC2-compatible endpoint with fewer features
 *         .refuseEd25519Keys();
 * }</pre>
 */
public final class Faults {
    private final FaultPlan plan;

    Faults(FaultPlan plan) {
        this.plan = plan;
    }

    /** Answers this fraction (0 to 1) of all requests with RequestLimitExceeded (HTTP 503). */
    public Faults throttle(double rate) {
        plan.throttleRate(rate);
        return this;
    }

    /** Answers the next {@code times} calls to {@code action} with RequestLimitExceeded. */
    public Faults throttle(String action, int times) {
        plan.throttle(Objects.requireNonNull(action, "action"), times);
        return this;
    }

    /** Answers every call to {@code action} with RequestLimitExceeded until {@link #clear()}. */
    public Faults throttleAlways(String action) {
        plan.throttleAlways(Objects.requireNonNull(action, "action"));
        return this;
    }

    /** Holds every call to {@code action} for {@code delay} before carrying it out and answering it. */
    public Faults delay(String action, Duration delay) {
        plan.delay(Objects.requireNonNull(action, "action"), Objects.requireNonNull(delay, "delay"));
        return this;
    }

    /**
     * How many calls to {@code action} a {@link #delay} holds right now: received, not yet carried out. A test
     * waits for it to cut a call off while it is in flight.
     */
    public int held(String action) {
        return plan.held(Objects.requireNonNull(action, "action"));
    }

    /**
     * Loses the answers to the next {@code times} calls to {@code action}: LocalEc2 carries each call out in full
     * (what it creates exists, the call log has it), then closes the connection without sending any HTTP
     * response, as when the network fails after EC2 acted. The client sees the connection end (an I/O error)
     * and the SDK retries, so the retry arrives as a new call. Whatever the call's outcome, its answer is lost;
     * with {@link #delay(String, Duration)} the connection closes once the delay has passed.
     */
    public Faults loseAnswers(String action, int times) {
        plan.loseAnswers(Objects.requireNonNull(action, "action"), times);
        return this;
    }

    /**
     * Answers as an EC2-compatible endpoint that cannot tag {@code resourceType} (e.g. {@code snapshot},
     * {@code image}, {@code instance}, {@code volume}, {@code key-pair}, {@code security-group}) at creation: any
     * request with a {@code TagSpecification} for that type fails with HTTP 500 {@code InternalError} and
     * creates nothing. The same call without that TagSpecification works, and so does CreateTags on the new
     * resource. Call once per type to refuse several.
     */
    public Faults refuseTagSpecifications(String resourceType) {
        plan.refuseTagSpecifications(Objects.requireNonNull(resourceType, "resourceType"));
        return this;
    }

    /**
     * Answers as an endpoint that knows only RSA keys: ImportKeyPair of an {@code ssh-ed25519} public key fails
     * with HTTP 400 {@code InvalidKeyPair.Format} ("Key is not in valid OpenSSH public key format"). RSA keys
     * still import.
     */
    public Faults refuseEd25519Keys() {
        plan.refuseEd25519Keys();
        return this;
    }

    /**
     * Eventual consistency: an instance or image created from now on is NotFound (or missing from filtered
     * results) for its first {@code describes} describe calls.
     */
    public Faults eventualConsistency(int describes) {
        plan.eventualConsistency(describes);
        return this;
    }

    /** The next {@code count} instances run but never become reachable: nothing listens on their SSH port. */
    public Faults instancesUnreachable(int count) {
        plan.unreachableInstances(count);
        return this;
    }

    /**
     * The next {@code count} instances fail to boot: they go from pending to shutting-down to terminated with
     * state reason {@code Server.InternalError}.
     */
    public Faults instancesFailToBoot(int count) {
        plan.bootFailures(count);
        return this;
    }

    /** The next {@code count} images from CreateImage end {@code failed} instead of {@code available}. */
    public Faults imagesFail(int count) {
        plan.imageFailures(count);
        return this;
    }

    /** The next {@code count} images from CopyImage end {@code failed}. */
    public Faults copiesFail(int count) {
        plan.copyFailures(count);
        return this;
    }

    /** Removes every fault. */
    public Faults clear() {
        plan.clear();
        return this;
    }
}
