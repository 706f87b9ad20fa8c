package dev.kiln.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.kiln.core.Secret;
import dev.kiln.core.run.internal.ErrorRedactor;
import dev.kiln.core.run.internal.Redactor;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SshExceptionTest {

    @Test
    void maskingASecretKeepsTheClassAndTheTarget() {
        Secret password = Secret.of("pw-4c1d9e");
        Redactor redactor = new Redactor();
        redactor.add(password);
        SshTarget target = SshTarget.builder().host("127.0.0.1").port(2222).user("deploy").password(password).build();
        SshException error = new SshException(target, "sudo said pw-4c1d9e is wrong", new IOException("closed"));

        Throwable safe = new ErrorRedactor(redactor).redact(error);

        assertThat(safe).isExactlyInstanceOf(SshException.class)
                .hasMessage("deploy@127.0.0.1:2222: sudo said <sensitive> is wrong (cause: closed)")
                .hasCauseExactlyInstanceOf(IOException.class);
        assertThat(safe).asInstanceOf(type(SshException.class)).satisfies(e -> {
            assertThat(e.host()).isEqualTo("127.0.0.1");
            assertThat(e.port()).isEqualTo(2222);
            assertThat(e.user()).isEqualTo("deploy");
        });
    }
}
