package dev.kiln.core.run.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.comm.CommunicatorException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import org.junit.jupiter.api.Test;

class CancellationTest {
    @Test
    void interruptionsAreRecognisedAnywhereInTheCauseChain() {
        assertThat(Cancellation.isInterruption(new InterruptedException())).isTrue();
        assertThat(Cancellation.isInterruption(new CommunicatorException("x", new InterruptedIOException()))).isTrue();
        assertThat(Cancellation.isInterruption(new CommunicatorException("x", new ClosedByInterruptException())))
                .isTrue();
    }

    @Test
    void aSocketTimeoutOrACycleIsNotAnInterruption() {
        assertThat(Cancellation.isInterruption(new CommunicatorException("x", new SocketTimeoutException()))).isFalse();
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertThat(Cancellation.isInterruption(a)).isFalse();
    }
}
