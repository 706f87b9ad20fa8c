package dev.kiln.core.run.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.KilnException;
import dev.kiln.core.Secret;
import dev.kiln.core.comm.CommandTimeoutException;
import dev.kiln.core.comm.CommunicatorException;
import dev.kiln.core.provision.ProvisionerException;
import dev.kiln.core.provision.ProvisionerTimeoutException;
import dev.kiln.core.run.BuildCancelledException;
import dev.kiln.core.run.RedactedException;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    static Stream<KilnException> kilnExceptions() {
        return Stream.of(
                new KilnException("login as s3cr3t-value failed"),
                new CommunicatorException("upload of s3cr3t-value failed", new IOException("disk")),
                new CommandTimeoutException("TOKEN='s3cr3t-value' ./run", Duration.ofSeconds(5)),
                new ProvisionerException("Script exited with non-zero exit status: 2", OptionalInt.of(2),
                        List.of("token s3cr3t-value", "done")),
                new ProvisionerTimeoutException("s3cr3t-value", Duration.ofMinutes(1)),
                new InvalidSpecException("Spec 'web'",
                        List.of(new Problem("password", "is s3cr3t-value", "change it"))),
                new BuildCancelledException("web", "provisioner 1: s3cr3t-value", new InterruptedException()),
                new RedactedException("java.io.IOException", "read s3cr3t-value", null));
    }

    @ParameterizedTest
    @MethodSource("kilnExceptions")
    void everyKilnExceptionKeepsItsClassAndFieldsAndLosesOnlyTheSecret(KilnException error) {
        Throwable safe = errors.redact(error);

        assertThat(safe).isNotSameAs(error).hasSameClassAs(error)
                .hasMessage(error.getMessage().replace("s3cr3t-value", "<sensitive>"));
        assertThat(safe.getStackTrace()).isEqualTo(error.getStackTrace());
        assertThat(safe).usingRecursiveComparison().ignoringFields("detailMessage", "cause", "stackTrace")
                .withEqualsForType((actual, original) -> actual.equals(original.replace("s3cr3t-value", "<sensitive>")),
                        String.class)
                .isEqualTo(error);
        assertThat(safe.getCause() == null).isEqualTo(error.getCause() == null);
    }

    @Test
    void aFailedCommandKeepsItsExitStatusAndItsOutputTailMasked() {
        ProvisionerException error = new ProvisionerException("Script exited with non-zero exit status: 2",
                OptionalInt.of(2), List.of("token s3cr3t-value", "done"));

        ProvisionerException safe = (ProvisionerException) errors.redact(error);

        assertThat(safe.exitStatus()).hasValue(2);
        assertThat(safe.outputTail()).containsExactly("token <sensitive>", "done");
        assertThat(safe).hasMessage("Script exited with non-zero exit status: 2\nLast 2 lines of output:\n"
                + "    token <sensitive>\n    done");
    }

    /** A foreign exception with no constructor Kiln could copy it through. */
    static final class Unbuildable extends RuntimeException {
        Unbuildable(String message, int code) {
            super(message + " (code " + code + ")");
        }
    }

    /** A user's Kiln exception that does not override the copy but has the usual public constructor. */
    public static final class UserKilnException extends KilnException {
        public UserKilnException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void aUserKilnExceptionKeepsItsClassThroughItsPublicConstructor() {
        Throwable safe = errors.redact(new UserKilnException("s3cr3t-value leaked", null));

        assertThat(safe).isExactlyInstanceOf(UserKilnException.class).hasMessage("<sensitive> leaked");
    }

    @Test
    void onlyAForeignClassThatCannotBeCopiedBecomesARedactedExceptionNamingIt() {
        Throwable safe = errors.redact(new UncheckedIOException("wrapped",
                new IOException("x", new Unbuildable("TOKEN='s3cr3t-value'", 7))));

        assertThat(safe).isInstanceOf(UncheckedIOException.class);
        assertThat(safe.getCause()).isExactlyInstanceOf(IOException.class);
        Throwable copy = safe.getCause().getCause();
        assertThat(copy).isInstanceOf(RedactedException.class);
        assertThat(((RedactedException) copy).originalType()).isEqualTo(Unbuildable.class.getName());
        assertThat(copy.toString()).isEqualTo(Unbuildable.class.getName() + ": TOKEN='<sensitive>' (code 7)");
    }

    @Test
    void aKilnExceptionWithASecretOnlyInASuppressedForeignExceptionKeepsItsClass() {
        ProvisionerException failure = new ProvisionerException("Script exited with non-zero exit status: 1",
                OptionalInt.of(1), List.of());
        failure.addSuppressed(new Unbuildable("error cleanup saw s3cr3t-value", 3));

        Throwable safe = errors.redact(failure);

        assertThat(safe).isExactlyInstanceOf(ProvisionerException.class).hasMessage(failure.getMessage());
        assertThat(((ProvisionerException) safe).exitStatus()).hasValue(1);
        assertThat(safe.getSuppressed()).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(RedactedException.class).hasMessage("error cleanup saw <sensitive> (code 3)");
        assertThat(failure.getSuppressed()[0]).as("the original is left alone").isInstanceOf(Unbuildable.class);
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
