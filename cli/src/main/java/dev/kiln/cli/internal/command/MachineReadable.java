package dev.kiln.cli.internal.command;

import java.time.Instant;
import java.util.List;

/**
 * Packer's {@code -machine-readable} line: {@code timestamp,target,type,data...}, the timestamp in UNIX seconds,
 * the target a build's name or empty, and in every data field each comma written {@code %!(PACKER_COMMA)} and
 * each newline {@code \n} (a backslash and an n), so that a line is one record.
 *
 * <pre>{@code
 * MachineReadable.line(now, "amazon-ebs", "artifact", "0", "id", "us-east-1:ami-0abc");
 * // 1764142200,amazon-ebs,artifact,0,id,us-east-1:ami-0abc
 * }</pre>
 */
final class MachineReadable {
    private MachineReadable() {
    }

    /** One line, without its line break. */
    static String line(Instant time, String target, String type, String... data) {
        StringBuilder out = new StringBuilder().append(time.getEpochSecond()).append(',').append(target)
                .append(',').append(type);
        for (String field : List.of(data)) {
            out.append(',').append(escape(field));
        }
        return out.toString();
    }

    /** A data field with its commas and newlines escaped as Packer escapes them. */
    static String escape(String field) {
        return field.replace(",", "%!(PACKER_COMMA)").replace("\r", "\\r").replace("\n", "\\n");
    }
}
