package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.core.builder.BuildContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * How the build makes the calls that create something: their retries, and creation-time tags with a way back.
 *
 * <p><b>Retries.</b> The SDK retries a create call whose answer was lost (an I/O error) and a throttled one, up to
 * the configured attempts; it does not retry a server error (HTTP 5xx), since a call that is not idempotent may
 * have acted before failing, and ten blind retries take half a minute. A retry after a lost answer can meet
 * the resource its first attempt made; each step says how it recognises its own (client token, name, tags).
 *
 * <p><b>Creation-time tags.</b> A call is made with its TagSpecifications. When the endpoint answers a server
 * error, it is made once more without them: some EC2-compatible endpoints fail on a TagSpecification for some
 * resource types. When that works, the build warns once and from then on creates without TagSpecifications;
 * the caller tags what it made with CreateTags at once ({@link #tagsAtCreation()} tells it). A second server
 * error is the call's failure.
 */
final class Creation {

    private static final int TAG_ATTEMPTS = 11;
    private static final String[] NOT_YET_VISIBLE = {"InvalidInstanceID.NotFound", "InvalidAMIID.NotFound",
        "InvalidSnapshot.NotFound", "InvalidGroup.NotFound", "InvalidKeyPair.NotFound", "InvalidVolume.NotFound"};

    private final BuildContext context;
    private final AwsRequestOverrideConfiguration retries;
    private final AtomicBoolean tagsAtCreation = new AtomicBoolean(true);

    Creation(AmazonEbs config, BuildContext context) {
        this.context = context;
        RetryStrategy strategy = DefaultRetryStrategy.standardStrategyBuilder()
                .useClientDefaults(false)
                .maxAttempts(config.maxAttempts())
                .retryOnException(Creation::lostOrThrottled)
                .treatAsThrottling(Creation::throttled)
                .build();
        this.retries = AwsRequestOverrideConfiguration.builder()
                .addPlugin(client -> client.overrideConfiguration(o -> o.retryStrategy(strategy)))
                .build();
    }

    /** The request override every create call carries: retries of lost answers and throttling only. */
    AwsRequestOverrideConfiguration retries() {
        return retries;
    }

    /** False once the endpoint has refused a creation-time TagSpecification in this build. */
    boolean tagsAtCreation() {
        return tagsAtCreation.get();
    }

    /**
     * Makes a create call with {@code specs} as its TagSpecifications, or without them where the endpoint
     * refuses them; {@code call} builds and sends the request with the list it is given.
     */
    <T> T call(String action, List<TagSpecification> specs, Function<List<TagSpecification>, T> call) {
        if (!tagsAtCreation()) {
            return call.apply(List.of());
        }
        try {
            return call.apply(specs);
        } catch (SdkServiceException e) {
            if (e.statusCode() < 500) {
                throw e;
            }
            T made;
            try {
                made = call.apply(List.of());
            } catch (RuntimeException second) {
                e.addSuppressed(second);
                throw e;
            }
            if (tagsAtCreation.compareAndSet(true, false)) {
                context.warn("the EC2 endpoint answered HTTP " + e.statusCode() + " to " + action
                        + " with TagSpecifications and accepted it without them; this build tags what it creates"
                        + " with CreateTags right after creation instead");
            }
            return made;
        }
    }

    /**
     * Where the endpoint refused creation-time tags: tags what a call made with CreateTags, retrying while the
     * new ids are not yet visible. Does nothing where the tags went with the call.
     */
    void tagAfterCreation(Ec2Client ec2, List<String> ids, List<Tag> tags) throws Exception {
        if (tagsAtCreation() || ids.isEmpty()) {
            return;
        }
        Retry.on(TAG_ATTEMPTS, NOT_YET_VISIBLE).run(() -> { }, () -> ec2.createTags(r -> r.resources(ids).tags(tags)));
    }

    private static boolean lostOrThrottled(Throwable e) {
        return throttled(e) || lost(e);
    }

    private static boolean throttled(Throwable e) {
        return e instanceof SdkServiceException service && service.isThrottlingException();
    }

    private static boolean lost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
