package dev.kiln.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FixedRatePollsTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final FixedRatePolls polls = new FixedRatePolls(Duration.ofSeconds(1), now::get);

    @Test
    void aQuickAnswerWaitsForTheNextGridPointNotAFullPeriod() {
        now.addAndGet(Duration.ofMillis(12).toNanos());

        assertThat(polls.computeDelay(1)).isEqualTo(Duration.ofMillis(988));
    }

    @Test
    void pollsStayOnTheGridHoweverLongEachAnswerTook() {
        now.addAndGet(Duration.ofMillis(3_040).toNanos());

        assertThat(polls.computeDelay(4)).isEqualTo(Duration.ofMillis(960));
    }

    @Test
    void aSlowAnswerSkipsAGridPointRatherThanPollingTwiceInAHurry() {
        now.addAndGet(Duration.ofMillis(1_700).toNanos());

        assertThat(polls.computeDelay(2)).isEqualTo(Duration.ofMillis(1_300));
    }

    @Test
    void anAnswerHalfAPeriodBeforeTheGridPointStillMakesIt() {
        now.addAndGet(Duration.ofMillis(500).toNanos());

        assertThat(polls.computeDelay(1)).isEqualTo(Duration.ofMillis(500));
    }
}
