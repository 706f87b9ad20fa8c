package dev.kiln.core.run.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.Secret;
import dev.kiln.core.comm.CommandTimeoutException;
import dev.kiln.core.provision.ProvisionerException;
import dev.kiln.core.run.RedactedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class ErrorRedactorTest {
    private final Redactor redactor = new Redactor();
    private final ErrorRedactor errors = new ErrorRedactor(redactor);

    ErrorRedactorTest() {
        redactor.add(Secret.of("s3cr3t-value"));
    }

    @Test
    void anErrorWithoutSecretsIsKeptAsItIs() {
        IllegalStateException plain = new IllegalStateException("nothing to hide", new IOException("disk"));
        assertThat(errors.redact(plain)).isSameAs(plain);
    }

    @Test
    void theTypeStackTraceCauseChainAndSuppressedAreKeptWithSecretsMasked() {
        IOException cause = new IOException("read s3cr3t-value");
        ProvisionerException error = new ProvisionerException("failed with s3cr3t-value", cause);
        error.addSuppressed(new IllegalArgumentException("also s3cr3t-value"));

        Throwable safe = errors.redact(error);

        assertThat(safe).isInstanceOf(ProvisionerException.class).hasMessage("failed with <sensitive>");
        assertThat(safe.getStackTrace()).isEqualTo(error.getStackTrace());
        assertThat(safe.getCause()).isInstanceOf(IOException.class).hasMessage("read <sensitive>");
        assertThat(safe.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
        assertThat(safe.getSuppressed()).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(IllegalArgumentException.class).hasMessage("also <sensitive>");
    }

    @Test
    void aTypeThatCannotBeCopiedBecomesARedactedExceptionNamingIt() {
        CommandTimeoutException error = new CommandTimeoutException("TOKEN='s3cr3t-value' ./run", Duration.ofSeconds(5));

        Throwable safe = errors.redact(new UncheckedIOException("wrapped", new IOException("x", error)));

        Throwable copy = safe.getCause().getCause();
        assertThat(copy).isInstanceOf(RedactedException.class);
        assertThat(((RedactedException) copy).originalType()).isEqualTo(CommandTimeoutException.class.getName());
        assertThat(copy.toString()).isEqualTo(CommandTimeoutException.class.getName()
                + ": Command did not finish within PT5S: TOKEN='<sensitive>' ./run");
        assertThat(safe).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void everyLineOfAMultiLineSecretIsMaskedToo() {
        redactor.add(Secret.of("-----BEGIN KEY-----\nAAAAB3NzaC1yc2EAAAADAQABAAABAQ\n-----END KEY-----"));
        assertThat(redactor.mask("line: AAAAB3NzaC1yc2EAAAADAQABAAABAQ")).isEqualTo("line: <sensitive>");
    }

    @Test
    void packerDurationsUseTheTwoLargestUnits() {
        assertThat(PackerDuration.format(Duration.ofSeconds(62))).isEqualTo("1 minute 2 seconds");
        assertThat(PackerDuration.format(Duration.ofHours(1).plusSeconds(5))).isEqualTo("1 hour 5 seconds");
        assertThat(PackerDuration.format(Duration.ofNanos(6_312_000))).isEqualTo("6 milliseconds 312 microseconds");
        assertThat(PackerDuration.format(Duration.ZERO)).isEqualTo("0 seconds");
    }
}
