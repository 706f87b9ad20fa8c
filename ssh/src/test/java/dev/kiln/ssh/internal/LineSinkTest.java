package dev.kiln.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.comm.OutputStreamKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LineSinkTest {
    private final List<String> lines = new ArrayList<>();
    private final AtomicInteger closes = new AtomicInteger();
    private final LineSink sink = new LineSink(OutputStreamKind.STDERR, (stream, line) -> lines.add(stream + ":" + line),
            closes::incrementAndGet);

    @Test
    void joinsLinesSplitAcrossWritesIncludingMultiByteCharactersAndDropsCarriageReturns() {
        byte[] text = "grüße\r\nzwei\nrest".getBytes(StandardCharsets.UTF_8);
        for (byte b : text) {
            sink.write(new byte[] {b}, 0, 1);
        }
        assertThat(lines).containsExactly("STDERR:grüße", "STDERR:zwei");

        sink.close();
        sink.close();
        assertThat(lines).containsExactly("STDERR:grüße", "STDERR:zwei", "STDERR:rest");
        assertThat(closes).hasValue(1);
        assertThat(sink.bytes()).isEqualTo(text.length);
    }

    @Test
    void cutsOverlongLinesIntoBoundedPieces() {
        byte[] data = new byte[LineSink.MAX_LINE * 2 + 10];
        java.util.Arrays.fill(data, (byte) 'a');
        sink.write(data, 0, data.length);
        sink.write(new byte[] {'\n'}, 0, 1);
        assertThat(lines).extracting(String::length)
                .containsExactly(7 + LineSink.MAX_LINE, 7 + LineSink.MAX_LINE, 7 + 10);
    }
}
