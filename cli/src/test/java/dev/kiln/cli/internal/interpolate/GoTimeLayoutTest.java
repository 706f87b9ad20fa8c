package dev.kiln.cli.internal.interpolate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GoTimeLayoutTest {
    private static final OffsetDateTime AFTERNOON = OffsetDateTime.of(2026, 3, 7, 15, 4, 9, 120_000_000, ZoneOffset.UTC);
    private static final OffsetDateTime MORNING = OffsetDateTime.of(2026, 11, 26, 0, 30, 5, 0, ZoneOffset.UTC);

    @Test
    void referenceElements() {
        assertThat(GoTimeLayout.format(AFTERNOON, GoTimeLayout.RFC3339)).isEqualTo("2026-03-07T15:04:09Z");
        assertThat(GoTimeLayout.format(AFTERNOON, "Mon Jan _2 15:04:05 MST 2006")).isEqualTo("Sat Mar  7 15:04:09 UTC 2026");
        assertThat(GoTimeLayout.format(AFTERNOON, "Monday, 02-January-06")).isEqualTo("Saturday, 07-March-26");
        assertThat(GoTimeLayout.format(AFTERNOON, "1/2 3:4:5 PM pm")).isEqualTo("3/7 3:4:9 PM pm");
        assertThat(GoTimeLayout.format(MORNING, "03:04 PM")).isEqualTo("12:30 AM");
        assertThat(GoTimeLayout.format(AFTERNOON, "20060102150405")).isEqualTo("20260307150409");
    }

    @Test
    void zones() {
        assertThat(GoTimeLayout.format(AFTERNOON, "-0700|-07:00|-07|Z0700|Z07:00|Z07")).isEqualTo("+0000|+00:00|+00|Z|Z|Z");
        OffsetDateTime east = AFTERNOON.withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(GoTimeLayout.format(east, "Z07:00 -0700 MST")).isEqualTo("+05:30 +0530 +0530");
    }

    @Test
    void fractionsOfASecond() {
        assertThat(GoTimeLayout.format(AFTERNOON, "05.000")).isEqualTo("09.120");
        assertThat(GoTimeLayout.format(AFTERNOON, "05.999999")).isEqualTo("09.12");
        assertThat(GoTimeLayout.format(MORNING, "05.999")).isEqualTo("05");
        assertThat(GoTimeLayout.format(AFTERNOON, "v1.0")).isEqualTo("v3.1");
    }

    @Test
    void anythingElseIsCopied() {
        assertThat(GoTimeLayout.format(AFTERNOON, "build-at_x y")).isEqualTo("build-at_x y");
    }
}
