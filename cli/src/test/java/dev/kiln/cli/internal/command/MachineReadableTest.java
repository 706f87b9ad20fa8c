package dev.kiln.cli.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MachineReadableTest {
    @Test
    void escapesCommasAndNewlinesInData() {
        Instant t = Instant.ofEpochSecond(1764142200L);
        assertThat(MachineReadable.line(t, "amazon-ebs", "artifact", "0", "id", "us-east-1:ami-0abc,us-west-2:ami-0def"))
                .isEqualTo("1764142200,amazon-ebs,artifact,0,id,us-east-1:ami-0abc%!(PACKER_COMMA)us-west-2:ami-0def");
        assertThat(MachineReadable.line(t, "", "ui", "say", "line one\nline two"))
                .isEqualTo("1764142200,,ui,say,line one\\nline two");
    }
}
