package dev.kiln.core.builder;

import java.util.Objects;

/**
 * A cloud resource a build created, identified well enough for a person to find it.
 *
 * @param type what it is, e.g. {@code instance}, {@code key-pair}, {@code security-group}, {@code image}
 * @param id its id, e.g. {@code i-0b738eeecacf78658}
 * @param location where it lives, e.g. the region {@code us-east-1}
 */
public record Resource(String type, String id, String location) {
    /** None of the three may be null. */
    public Resource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String toString() {
        return type + " " + id + " in " + location;
    }
}
