package dev.kiln.cli.internal.template;

/**
 * A user variable of the {@code variables} section.
 *
 * @param name its name
 * @param defaultValue its default as written (a template string), or null when it is required
 */
public record Variable(String name, String defaultValue) {
    /** True when the template gives no default ({@code null}), so a value must be passed. */
    public boolean required() {
        return defaultValue == null;
    }
}
