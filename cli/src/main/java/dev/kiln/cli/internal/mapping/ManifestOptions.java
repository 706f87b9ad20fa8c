package dev.kiln.cli.internal.mapping;

import dev.kiln.cli.internal.template.OptionReader;
import dev.kiln.core.post.ManifestPostProcessor;
import dev.kiln.core.post.PostProcessor;
import dev.kiln.core.post.PostProcessors;
import dev.kiln.core.spec.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Packer's {@code manifest} post-processor onto {@link PostProcessors#manifest(Path)}: {@code output} (default
 * {@code packer-manifest.json}, as in Packer), {@code strip_path} and {@code custom_data}.
 *
 * <pre>{@code
 * PostProcessor manifest = ManifestOptions.map(reader, "post-processor 1.1", problems);
 * }</pre>
 */
public final class ManifestOptions {
    /** The post-processor types Kiln maps. */
    public static final String TYPE = "manifest";

    private static final String DEFAULT_OUTPUT = "packer-manifest.json";

    private ManifestOptions() {
    }

    /** The manifest post-processor; problems named under {@code label}. */
    public static PostProcessor map(OptionReader o, MappingContext mapping, String label, List<Problem> problems) {
        AtomicReference<String> output = new AtomicReference<>(DEFAULT_OUTPUT);
        o.string("output", output::set);
        ManifestPostProcessor.Builder b = PostProcessors.manifest(mapping.resolve(output.get()))
                .runUuid(mapping.runUuid());
        o.bool("strip_path", b::stripPath);
        o.stringMap("custom_data", b::customData);
        o.reportUnread("the manifest post-processor", "output, strip_path, custom_data, and type, name, only, "
                + "except, keep_input_artifact");
        ManifestPostProcessor manifest = b.build();
        manifest.validate().forEach(p -> problems.add(PackerNames.rename(p, label, Map.of())));
        return manifest;
    }
}
