package dev.kiln.core.run.internal;

import dev.kiln.core.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The secrets of one build, and the masking of their values in text. A multi-line secret (a private key) is
 * also masked line by line, because output arrives one line at a time. Thread-safe.
 *
 * <pre>{@code
 * redactor.add(Secret.of("hunter2"));
 * redactor.mask("password is hunter2");   // "password is <sensitive>"
 * }</pre>
 */
public final class Redactor {
    /** What a secret value is replaced with. */
    public static final String MASK = "<sensitive>";
    /** Lines of a multi-line secret shorter than this are too common to mask on their own. */
    private static final int SHORTEST_MASKED_LINE = 8;

    private final Set<String> values = new LinkedHashSet<>();
    private volatile List<String> longestFirst = List.of();

    /** Masks this secret's value from now on. */
    public void add(Secret secret) {
        String value = secret.reveal();
        if (value.isEmpty()) {
            return;
        }
        synchronized (values) {
            values.add(value);
            for (String line : value.split("\\R")) {
                if (line.strip().length() >= SHORTEST_MASKED_LINE) {
                    values.add(line.strip());
                }
            }
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            longestFirst = List.copyOf(sorted);
        }
    }

    /** The text with every secret value replaced by {@value #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String value : longestFirst) {
            out = out.replace(value, MASK);
        }
        return out;
    }

    /** True when the text contains a secret value. */
    public boolean reveals(String text) {
        if (text == null) {
            return false;
        }
        for (String value : longestFirst) {
            if (text.contains(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Redactor{" + longestFirst.size() + " masked values}";
    }
}
