package dev.kiln.testkit.ec2.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One EC2 request filter ({@code Filter.N.Name} with its {@code Value.M} list). A value may hold the
 * wildcards {@code *} and {@code ?}; a backslash escapes them.
 */
public record Filter(String name, List<Pattern> values) {

    public static List<Filter> from(Params params) {
        return params.members("Filter").stream()
                .map(f -> new Filter(f.required("Name"), f.list("Value").stream().map(Filter::wildcard).toList()))
                .toList();
    }

    /** True when any of {@code actual} matches any of this filter's values. */
    public boolean matches(List<String> actual) {
        for (String candidate : actual) {
            for (Pattern value : values) {
                if (candidate != null && value.matcher(candidate).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    static Pattern wildcard(String value) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                regex.append(Pattern.quote(String.valueOf(value.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
