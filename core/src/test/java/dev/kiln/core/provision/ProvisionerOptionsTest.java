package dev.kiln.core.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.fake.Background;
import dev.kiln.core.fake.FakeCommunicator;
import dev.kiln.core.fake.RecordingContext;
import dev.kiln.core.fake.ScriptedProvisioner;
import dev.kiln.core.spec.Problem;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProvisionerOptionsTest {
    private final RecordingContext context = new RecordingContext();
    private final FakeCommunicator communicator = new FakeCommunicator();

    private static Provisioner guarded(Provisioner p, ProvisionerOptions.Builder options) {
        return options.build().applyTo(p);
    }

    @Test
    void aFailedAttemptIsRetriedUpToMaxRetries() throws Exception {
        ScriptedProvisioner flaky = new ScriptedProvisioner((c, n) -> {
            if (n < 3) {
                throw new ProvisionerException("apt lock held");
            }
        });

        guarded(flaky, ProvisionerOptions.builder().maxRetries(2)).provision(context, communicator);

        assertThat(flaky.attempts).hasValue(3);
        assertThat(context.said).containsExactly(
                "The scripted provisioner failed: apt lock held; retrying (attempt 2 of 3)",
                "The scripted provisioner failed: apt lock held; retrying (attempt 3 of 3)");
    }

    @Test
    void theLastFailureIsThrownWhenEveryAttemptFailed() {
        ScriptedProvisioner broken = new ScriptedProvisioner((c, n) -> {
            throw new ProvisionerException("attempt " + n + " failed");
        });

        assertThatThrownBy(() -> guarded(broken, ProvisionerOptions.builder().maxRetries(1))
                .provision(context, communicator)).hasMessage("attempt 2 failed");
        assertThat(broken.attempts).hasValue(2);
    }

    @Test
    void anInterruptIsNeverRetried() {
        ScriptedProvisioner interrupted = new ScriptedProvisioner((c, n) -> {
            throw new InterruptedException("cancelled");
        });

        assertThatThrownBy(() -> guarded(interrupted, ProvisionerOptions.builder().maxRetries(5))
                .provision(context, communicator)).isInstanceOf(InterruptedException.class);
        assertThat(interrupted.attempts).hasValue(1);
    }

    @Test
    void anAttemptOverItsTimeoutIsInterruptedAndReportedClearly() {
        CountDownLatch sawInterrupt = new CountDownLatch(1);
        ScriptedProvisioner hanging = new ScriptedProvisioner((c, n) -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                sawInterrupt.countDown();
                throw e;
            }
        });

        assertThatThrownBy(() -> guarded(hanging, ProvisionerOptions.builder().timeout(Duration.ofMillis(50)))
                .provision(context, communicator))
                .isInstanceOfSatisfying(ProvisionerTimeoutException.class, e -> {
                    assertThat(e.timeout()).isEqualTo(Duration.ofMillis(50));
                    assertThat(e.provisionerType()).isEqualTo("scripted");
                })
                .hasMessage("The scripted provisioner did not finish within its timeout of PT0.05S and was interrupted");
        assertThat(sawInterrupt.getCount()).as("the attempt was interrupted").isZero();
    }

    @Test
    void aTimedOutAttemptIsRetried() throws Exception {
        ScriptedProvisioner slowOnce = new ScriptedProvisioner((c, n) -> {
            if (n == 1) {
                new CountDownLatch(1).await();
            }
        });

        guarded(slowOnce, ProvisionerOptions.builder().timeout(Duration.ofMillis(50)).maxRetries(1))
                .provision(context, communicator);

        assertThat(slowOnce.attempts).hasValue(2);
        assertThat(context.said).singleElement().asString().startsWith("The scripted provisioner failed: The scripted "
                + "provisioner did not finish within its timeout");
    }

    @Test
    void interruptingTheCallerInterruptsATimedAttempt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch sawInterrupt = new CountDownLatch(1);
        ScriptedProvisioner hanging = new ScriptedProvisioner((c, n) -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                sawInterrupt.countDown();
                throw e;
            }
        });
        Provisioner p = guarded(hanging, ProvisionerOptions.builder().timeout(Duration.ofHours(1)));
        Background caller = Background.start(() -> p.provision(context, communicator));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        caller.thread.interrupt();

        assertThat(caller.thrown()).isInstanceOf(InterruptedException.class);
        assertThat(sawInterrupt.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPauseIsAnnouncedBeforeTheProvisionerRuns() throws Exception {
        ScriptedProvisioner once = new ScriptedProvisioner((c, n) -> context.said.add("ran"));

        guarded(once, ProvisionerOptions.builder().pauseBefore(Duration.ofMillis(1))).provision(context, communicator);

        assertThat(context.said).containsExactly("Pausing PT0.001S before the next provisioner...", "ran");
    }

    @Test
    void theDefaultsLeaveTheProvisionerAlone() {
        ScriptedProvisioner p = new ScriptedProvisioner((c, n) -> { });
        assertThat(ProvisionerOptions.defaults().applyTo(p)).isSameAs(p);
        assertThat(ProvisionerOptions.builder().maxRetries(-1).pauseBefore(Duration.ofSeconds(-1)).build().validate())
                .extracting(Problem::field).containsExactly("pauseBefore", "maxRetries");
    }
}
