package dev.kiln.aws.internal;

import dev.kiln.aws.WaitTime;
import java.util.List;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;

/**
 * Waits with the SDK's waiter until an AMI is {@code available}: fails at once when it ends {@code failed},
 * {@code error} or {@code deregistered}, and keeps polling through {@code InvalidAMIID.NotFound} (a new AMI
 * is not visible everywhere at once).
 */
final class ImageWait {
    private ImageWait() {
    }

    static Image untilAvailable(Ec2Client ec2, String imageId, WaitTime time) throws Exception {
        Waiter<DescribeImagesResponse> waiter = Waiter.builder(DescribeImagesResponse.class)
                .overrideConfiguration(Waiting.override(time))
                .acceptors(List.of(
                        WaiterAcceptor.successOnResponseAcceptor(r -> state(r) == ImageState.AVAILABLE),
                        WaiterAcceptor.errorOnResponseAcceptor(r -> state(r) == ImageState.FAILED
                                || state(r) == ImageState.ERROR || state(r) == ImageState.DEREGISTERED,
                                "AMI " + imageId + " did not become available"),
                        WaiterAcceptor.retryOnExceptionAcceptor(e -> e instanceof Exception x
                                && AwsErrors.is(x, "InvalidAMIID.NotFound")),
                        WaiterAcceptor.retryOnResponseAcceptor(r -> true)))
                .build();
        DescribeImagesResponse last = Waiting.cancellable(() -> waiter.run(
                () -> ec2.describeImages(r -> r.imageIds(imageId))).matched().response().orElseThrow());
        return last.images().get(0);
    }

    private static ImageState state(DescribeImagesResponse response) {
        return response.images().isEmpty() ? null : response.images().get(0).state();
    }
}
