package dev.kiln.aws.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A closed list of names, such as EC2's regions or instance types: whether a name is one of them, and which
 * of them a misspelt name was most likely meant to be.
 *
 * <pre>{@code
 * KnownNames types = KnownNames.of(List.of("t2.micro", "t2.small"));
 * types.contains("t2.mirco");    // false
 * types.didYouMean("t2.mirco");  // Optional[did you mean t2.micro?]
 * }</pre>
 *
 * <p>Closeness is the optimal string alignment distance, ignoring case: inserting, deleting or replacing a
 * character, or swapping two adjacent ones, costs 1. A name is close enough to suggest when that distance is
 * at most a third of the misspelt name's length (at least 1, at most 3).
 */
public final class KnownNames {
    private static final int MAX_SUGGESTIONS = 3;
    private static final int MAX_DISTANCE = 3;
    private final Set<String> names;

    private KnownNames(Set<String> names) {
        this.names = names;
    }

    /** The names, e.g. every region id the AWS SDK lists. */
    public static KnownNames of(Collection<String> names) {
        return new KnownNames(new TreeSet<>(names));
    }

    /** Whether {@code name} is exactly one of the known names; false for null. */
    public boolean contains(String name) {
        return name != null && names.contains(name);
    }

    /**
     * "did you mean t2.micro?" when a known name is close enough to {@code name} to be what was meant; when
     * several are equally near, up to three in alphabetical order ("did you mean us-east-1 or us-east-2?").
     * Empty when none is close, or {@code name} is null or blank.
     */
    public Optional<String> didYouMean(String name) {
        List<String> closest = closestTo(name);
        return closest.isEmpty() ? Optional.empty() : Optional.of("did you mean " + String.join(" or ", closest) + "?");
    }

    private List<String> closestTo(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        String typed = name.strip().toLowerCase(Locale.ROOT);
        int limit = Math.max(1, Math.min(MAX_DISTANCE, typed.length() / 3));
        record Candidate(String name, int distance) { }
        List<Candidate> close = names.stream()
                .filter(known -> Math.abs(known.length() - typed.length()) <= limit)
                .map(known -> new Candidate(known, distance(typed, known.toLowerCase(Locale.ROOT))))
                .filter(c -> c.distance() <= limit)
                .toList();
        int nearest = close.stream().mapToInt(Candidate::distance).min().orElse(0);
        return close.stream().filter(c -> c.distance() == nearest).limit(MAX_SUGGESTIONS).map(Candidate::name).toList();
    }

    /** The optimal string alignment distance: edits of one character, or swaps of two adjacent ones. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
