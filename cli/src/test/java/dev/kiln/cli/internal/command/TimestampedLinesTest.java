package dev.kiln.cli.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampedLinesTest {
    @Test
    void everyLineStartsWithItsRfc3339Time() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T07:30:00Z"), ZoneOffset.UTC);
        PrintStream out = new PrintStream(new TimestampedLines(bytes, clock), true, StandardCharsets.UTF_8);
        out.print("==> amazon-ebs: one\n    amazon-ebs: two\n");
        out.print("three");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("2026-11-26T07:30:00Z: ==> amazon-ebs: one\n"
                + "2026-11-26T07:30:00Z:     amazon-ebs: two\n2026-11-26T07:30:00Z: three");
    }
}
