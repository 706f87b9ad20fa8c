package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.kiln.core.Secret;
import dev.kiln.core.run.internal.ErrorRedactor;
import dev.kiln.core.run.internal.Redactor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmazonEbsExceptionTest {

    @Test
    void maskingASecretKeepsTheClassStepErrorCodeAndRequestId() {
        Redactor redactor = new Redactor();
        redactor.add(Secret.of("AKIAEXAMPLE1234"));
        AmazonEbsException error = new AmazonEbsException("run instance", List.of("instance i-0abc"), "AuthFailure",
                "5b1c0d2e", "key AKIAEXAMPLE1234 is not valid", null);

        Throwable safe = new ErrorRedactor(redactor).redact(error);

        assertThat(safe).isExactlyInstanceOf(AmazonEbsException.class).hasMessage("step 'run instance' failed "
                + "[instance i-0abc]: AuthFailure (request id 5b1c0d2e): key <sensitive> is not valid");
        assertThat(safe).asInstanceOf(type(AmazonEbsException.class)).satisfies(e -> {
            assertThat(e.step()).isEqualTo("run instance");
            assertThat(e.resources()).containsExactly("instance i-0abc");
            assertThat(e.errorCode()).isEqualTo("AuthFailure");
            assertThat(e.requestId()).isEqualTo("5b1c0d2e");
        });
    }
}
