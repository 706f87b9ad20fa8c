package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbsException;
import dev.kiln.core.builder.Undo;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns EC2 errors into {@link AmazonEbsException}s that name the step, resources, error code and request id. */
final class AwsErrors {
    private AwsErrors() {
    }

    static AmazonEbsException failure(String step, List<String> resources, AwsServiceException e) {
        return new AmazonEbsException(step, resources, code(e), e.requestId(), message(e), e);
    }

    /** The undo, with the EC2 errors it throws turned into AmazonEbsExceptions that name it. */
    static Undo undo(String description, Undo undo) {
        return () -> {
            try {
                undo.run();
            } catch (AwsServiceException e) {
                throw failure(description, List.of(), e);
            } catch (SdkException e) {
                throw new AmazonEbsException(description, List.of(), null, null, e.getMessage(), e);
            }
        };
    }

    /** EC2's own message for the error, else the SDK's. */
    static String message(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }

    /** The EC2 error code, or null. */
    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /** True when the exception is an EC2 error with one of these codes. */
    static boolean is(Exception e, String... codes) {
        if (e instanceof AwsServiceException aws) {
            String code = code(aws);
            for (String c : codes) {
                if (c.equals(code)) {
                    return true;
                }
            }
        }
        return false;
    }
}
