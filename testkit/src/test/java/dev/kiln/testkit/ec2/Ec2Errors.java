package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** EC2 errors as the SDK client reports them. */
final class Ec2Errors {
    private Ec2Errors() {
    }

    /** The EC2 error {@code call} fails with, or null when it fails otherwise or not at all. */
    static Ec2Exception error(Executable call) {
        return catchThrowableOfType(Ec2Exception.class, () -> {
            try {
                call.execute();
            } catch (Throwable t) {
                throw t instanceof RuntimeException r ? r : new RuntimeException(t);
            }
        });
    }

    /** Asserts that {@code call} fails with EC2's {@code code} and HTTP {@code status}, and returns the error. */
    static Ec2Exception assertError(Executable call, String code, int status) {
        Ec2Exception e = error(call);
        assertThat(e).as("expected %s", code).isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.requestId()).isNotBlank();
        return e;
    }
}
