package dev.kiln.cli.internal.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Packer JSON template's sections, read and checked for shape but not interpolated.
 *
 * @param path the template file
 * @param description the {@code description}, or empty
 * @param minPackerVersion the {@code min_packer_version}, or empty
 * @param variables the {@code variables}, in the template's order
 * @param sensitiveVariables the {@code sensitive-variables}
 * @param builders the {@code builders}, in order
 * @param provisioners the {@code provisioners}, in order
 * @param postProcessors the {@code post-processors}: each a chain of one or more
 * @param errorCleanupProvisioner the {@code error-cleanup-provisioner}, or null
 * @param comments the {@code _}-prefixed root keys and their text
 */
public record RawTemplate(Path path, String description, String minPackerVersion, Map<String, Variable> variables,
        List<String> sensitiveVariables, List<Section> builders, List<Section> provisioners,
        List<List<Section>> postProcessors, Section errorCleanupProvisioner, Map<String, String> comments) {
    /** Copies the collections. */
    public RawTemplate {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        sensitiveVariables = List.copyOf(sensitiveVariables);
        builders = List.copyOf(builders);
        provisioners = List.copyOf(provisioners);
        postProcessors = postProcessors.stream().map(List::copyOf).toList();
        comments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(comments));
    }

    /** The builder of this name, or null. */
    public Section builder(String name) {
        return builders.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }
}
