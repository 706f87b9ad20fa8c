package dev.kiln.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FixedRatePollsTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final FixedRatePolls polls = new FixedRatePolls(Duration.ofSeconds(1), 0.5, now::get);

    @Test
    void aQuickFirstAnswerWaitsForTheGridPointAPeriodAndAHalfIn() {
        now.addAndGet(Duration.ofMillis(12).toNanos());

        assertThat(polls.computeDelay(1)).isEqualTo(Duration.ofMillis(1_488));
    }

    @Test
    void pollsStayOnTheGridHoweverLongEachAnswerTook() {
        now.addAndGet(Duration.ofMillis(2_540).toNanos());

        assertThat(polls.computeDelay(3)).isEqualTo(Duration.ofMillis(960));
    }

    @Test
    void aSlowAnswerSkipsAGridPointRatherThanPollingTwiceInAHurry() {
        now.addAndGet(Duration.ofMillis(2_200).toNanos());

        assertThat(polls.computeDelay(2)).isEqualTo(Duration.ofMillis(1_300));
    }

    @Test
    void anAnswerHalfAPeriodBeforeTheGridPointStillMakesIt() {
        now.addAndGet(Duration.ofMillis(1_000).toNanos());

        assertThat(polls.computeDelay(2)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theGridLiesItsPhaseOffTheStartOfTheWait() {
        FixedRatePolls quarter = new FixedRatePolls(Duration.ofSeconds(1), 0.25, now::get);
        now.addAndGet(Duration.ofMillis(1_100).toNanos());

        assertThat(quarter.computeDelay(2)).isEqualTo(Duration.ofMillis(1_150));
    }
}
