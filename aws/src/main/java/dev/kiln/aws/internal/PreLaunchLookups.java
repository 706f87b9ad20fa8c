package dev.kiln.aws.internal;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * The read-only calls of a launch, sent together as it starts instead of one after the other: the AMI name check,
 * the source AMI and the subnet. The first of them to need the build region's EC2 client sets it up while the others
 * wait for it, and their answers overlap each other and the temporary key's generation. The steps take the answers in
 * Packer's order ({@link PreValidateAmiName}, {@link ResolveSourceAmi}, {@link ResolveNetwork}), so the output and the
 * step that an error names are as before. They create nothing, so {@link #cancel} (a failed or cancelled launch)
 * only interrupts the calls still running, which cuts their HTTP requests short.
 */
final class PreLaunchLookups {
    private static final ExecutorService LOOKUPS = DaemonThreads.pool("kiln-ec2-lookup");

    private final Future<List<Image>> sameName;
    private final Future<List<Image>> source;
    private final Future<Subnet> subnet;

    private PreLaunchLookups(EbsState s) {
        sameName = s.config.skipCreateImage() || s.config.forceDeregister() ? null
                : LOOKUPS.submit(() -> s.ec2().describeImages(r -> r.owners("self")
                        .filters(Filter.builder().name("name").values(s.config.amiName()).build())).images());
        source = LOOKUPS.submit(() -> {
            DescribeImagesRequest request = ResolveSourceAmi.request(s);
            return s.ec2().describeImages(request).images();
        });
        String subnetId = s.config.subnetId();
        subnet = subnetId == null ? null
                : LOOKUPS.submit(() -> s.ec2().describeSubnets(r -> r.subnetIds(subnetId)).subnets().get(0));
    }

    /** Sends the launch's read-only calls. */
    static PreLaunchLookups start(EbsState s) {
        return new PreLaunchLookups(s);
    }

    /** The account's own AMIs with the build's AMI name; empty when the name is not checked. */
    List<Image> sameName() throws InterruptedException {
        return sameName == null ? List.of() : answer(sameName);
    }

    /** The AMIs that match the source AMI's id or filter. */
    List<Image> source() throws InterruptedException {
        return answer(source);
    }

    /** The configured subnet; null without one. */
    Subnet subnet() throws InterruptedException {
        return subnet == null ? null : answer(subnet);
    }

    /** Interrupts the calls still running; their answers are no longer wanted. */
    void cancel() {
        for (Future<?> call : new Future<?>[] {sameName, source, subnet}) {
            if (call != null) {
                call.cancel(true);
            }
        }
    }

    /** A call's answer, or what it threw, as if the step had made the call itself. */
    private static <T> T answer(Future<T> call) throws InterruptedException {
        try {
            return call.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
