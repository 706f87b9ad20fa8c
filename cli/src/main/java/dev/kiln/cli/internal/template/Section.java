package dev.kiln.cli.internal.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One builder, provisioner or post-processor of a template: its type, name, only/except lists and the rest of
 * its configuration, as written (not yet interpolated).
 *
 * @param label how Packer names it in errors, e.g. {@code builder 1}, {@code provisioner 2},
 *     {@code post-processor 1.2}
 * @param type the {@code type}
 * @param name the {@code name}, or the type when it has none
 * @param only the builds it is limited to; empty for all
 * @param except the builds it skips
 * @param config the remaining keys
 * @param overrides for provisioners, per build name, keys that replace those of {@code config}
 * @param pauseBefore for provisioners, {@code pause_before} as written, or null
 * @param maxRetries for provisioners, {@code max_retries} as written, or null
 * @param timeout for provisioners, {@code timeout} as written, or null
 */
public record Section(String label, String type, String name, List<String> only, List<String> except,
        ObjectNode config, Map<String, ObjectNode> overrides, String pauseBefore, String maxRetries,
        String timeout) {
    /** Copies the lists and map. */
    public Section {
        only = List.copyOf(only);
        except = List.copyOf(except);
        overrides = Map.copyOf(overrides);
    }

    /** True when only/except leave out the build of this name. */
    public boolean skips(String buildName) {
        if (!only.isEmpty()) {
            return !only.contains(buildName);
        }
        return except.contains(buildName);
    }

    /** The configuration for one build: the overrides for it laid over {@code config}. */
    public ObjectNode configFor(String buildName) {
        ObjectNode merged = config.deepCopy();
        ObjectNode override = overrides.get(buildName);
        if (override != null) {
            merged.setAll(override);
        }
        return merged;
    }
}
