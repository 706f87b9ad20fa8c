package dev.kiln.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the source AMI by owners, a name pattern and any other DescribeImages filters, as Packer's
 * {@code source_ami_filter}. With {@code mostRecent} the newest match wins; otherwise exactly one image must
 * match.
 *
 * <pre>{@code
 * SourceAmiFilter.builder().owners("099720109477").name("ubuntu/images/*-22.04-amd64-server-*")
 *     .filter("virtualization-type", "hvm").mostRecent(true).build()
 * }</pre>
 */
public final class SourceAmiFilter {
    private final List<String> owners;
    private final String name;
    private final Map<String, List<String>> filters;
    private final boolean mostRecent;

    private SourceAmiFilter(Builder b) {
        owners = List.copyOf(b.owners);
        name = b.name;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        b.filters.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        filters = Collections.unmodifiableMap(copy);
        mostRecent = b.mostRecent;
    }

    /** Starts an empty filter. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        Builder b = new Builder().owners(owners).name(name).mostRecent(mostRecent);
        filters.forEach((k, v) -> b.filters.put(k, new ArrayList<>(v)));
        return b;
    }

    /** Account ids or aliases ({@code self}, {@code amazon}) that may own the image. */
    public List<String> owners() {
        return owners;
    }

    /** The image name pattern ({@code *} and {@code ?} wildcards), or null. */
    public String name() {
        return name;
    }

    /** Other DescribeImages filters by name, each with its accepted values. */
    public Map<String, List<String>> filters() {
        return filters;
    }

    /** True to take the newest of several matches. */
    public boolean mostRecent() {
        return mostRecent;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceAmiFilter f && owners.equals(f.owners) && Objects.equals(name, f.name)
                && filters.equals(f.filters) && mostRecent == f.mostRecent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(owners, name, filters, mostRecent);
    }

    @Override
    public String toString() {
        return "SourceAmiFilter{owners=" + owners + ", name=" + name + ", filters=" + filters
                + ", mostRecent=" + mostRecent + "}";
    }

    /** Collects a filter. */
    public static final class Builder {
        private final List<String> owners = new ArrayList<>();
        private String name;
        private final Map<String, List<String>> filters = new LinkedHashMap<>();
        private boolean mostRecent;

        private Builder() {
        }

        /** Sets the owners. */
        public Builder owners(String... owners) {
            return owners(List.of(owners));
        }

        /** Sets the owners. */
        public Builder owners(List<String> owners) {
            this.owners.clear();
            this.owners.addAll(owners);
            return this;
        }

        /** Sets the name pattern. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Adds a DescribeImages filter, e.g. {@code filter("root-device-type", "ebs")}. */
        public Builder filter(String filterName, String... values) {
            filters.put(filterName, new ArrayList<>(List.of(values)));
            return this;
        }

        /** Takes the newest match when several images match. */
        public Builder mostRecent(boolean mostRecent) {
            this.mostRecent = mostRecent;
            return this;
        }

        /** The filter. */
        public SourceAmiFilter build() {
            return new SourceAmiFilter(this);
        }
    }
}
