package dev.kiln.core.spec;

import dev.kiln.core.Secret;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A spec's named values, some of them sensitive. Plain values are part of the image's fingerprint;
 * sensitive values are not (only their names are), and are masked in every output.
 *
 * <pre>{@code
 * Variables vars = Variables.builder().put("region", "us-east-1").putSensitive("db_password", secret).build();
 * }</pre>
 */
public final class Variables {
    private static final Variables EMPTY = new Variables(Map.of(), Map.of());
    private final Map<String, String> plain;
    private final Map<String, Secret> sensitive;

    private Variables(Map<String, String> plain, Map<String, Secret> sensitive) {
        this.plain = Collections.unmodifiableMap(new LinkedHashMap<>(plain));
        this.sensitive = Collections.unmodifiableMap(new LinkedHashMap<>(sensitive));
    }

    /** No variables. */
    public static Variables empty() {
        return EMPTY;
    }

    /** Starts an empty set of variables. */
    public static Builder builder() {
        return new Builder();
    }

    /** A plain variable's value. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(plain.get(name));
    }

    /** A sensitive variable's value. */
    public Optional<Secret> getSensitive(String name) {
        return Optional.ofNullable(sensitive.get(name));
    }

    /** True when a variable of either kind has this name. */
    public boolean contains(String name) {
        return plain.containsKey(name) || sensitive.containsKey(name);
    }

    /** The plain variables, in the order they were added. */
    public Map<String, String> plain() {
        return plain;
    }

    /** The sensitive variables, in the order they were added. */
    public Map<String, Secret> sensitive() {
        return sensitive;
    }

    /** Every variable name, sorted. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(plain.keySet());
        names.addAll(sensitive.keySet());
        return names;
    }

    /** Adds the plain values and the names of the sensitive ones. */
    public void fingerprint(Fingerprinter fingerprinter) {
        new TreeSet<>(plain.keySet()).forEach(name -> fingerprinter.put("variable." + name, plain.get(name)));
        new TreeSet<>(sensitive.keySet()).forEach(name -> fingerprinter.put("sensitive-variable", name));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Variables{");
        plain.forEach((k, v) -> out.append(k).append('=').append(v).append(", "));
        sensitive.keySet().forEach(k -> out.append(k).append("=<sensitive>, "));
        if (out.length() > "Variables{".length()) {
            out.setLength(out.length() - 2);
        }
        return out.append('}').toString();
    }

    /** Collects variables; a later value for the same name replaces the earlier one. */
    public static final class Builder {
        private final Map<String, String> plain = new LinkedHashMap<>();
        private final Map<String, Secret> sensitive = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a plain variable. */
        public Builder put(String name, String value) {
            sensitive.remove(name);
            plain.put(name, value);
            return this;
        }

        /** Adds a sensitive variable. */
        public Builder putSensitive(String name, Secret value) {
            plain.remove(name);
            sensitive.put(name, value);
            return this;
        }

        /** The variables collected so far. */
        public Variables build() {
            return new Variables(plain, sensitive);
        }
    }
}
