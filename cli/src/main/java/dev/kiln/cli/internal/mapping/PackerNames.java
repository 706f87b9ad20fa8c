package dev.kiln.cli.internal.mapping;

import dev.kiln.core.spec.Problem;
import java.util.Map;

/**
 * Renames the field of a problem Kiln's own validation found ({@code amiName}, {@code scripts[0]}) to the
 * Packer option it came from ({@code ami_name}, {@code scripts[0]}), under the template section's label, so a
 * template's author reads the names they wrote.
 */
final class PackerNames {
    private PackerNames() {
    }

    /** {@code p} with its first field segment looked up in {@code names} and placed under {@code label}. */
    static Problem rename(Problem p, String label, Map<String, String> names) {
        String field = p.field();
        int end = field.length();
        for (char c : new char[] {'.', '['}) {
            int at = field.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String head = field.substring(0, end);
        return new Problem(label + ": " + names.getOrDefault(head, head) + field.substring(end), p.problem(),
                p.fix());
    }
}
