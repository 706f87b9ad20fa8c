package dev.kiln.cli.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void parsesGoDurations() {
        assertThat(GoDuration.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("2.5s")).isEqualTo(Duration.ofMillis(2500));
        assertThat(GoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
        assertThat(GoDuration.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.parse("-1m")).isEqualTo(Duration.ofMinutes(-1));
    }

    @Test
    void refusesWhatGoRefusesWithGosMessages() {
        assertThatThrownBy(() -> GoDuration.parse("5x")).hasMessage("time: unknown unit \"x\" in duration \"5x\"");
        assertThatThrownBy(() -> GoDuration.parse("10")).hasMessage("time: missing unit in duration \"10\"");
        assertThatThrownBy(() -> GoDuration.parse("")).hasMessage("time: invalid duration \"\"");
        assertThatThrownBy(() -> GoDuration.parse("ten minutes")).hasMessage("time: invalid duration \"ten minutes\"");
    }
}
