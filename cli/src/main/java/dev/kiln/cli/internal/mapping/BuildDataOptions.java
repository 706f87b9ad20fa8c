package dev.kiln.cli.internal.mapping;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.BuildData;
import dev.kiln.cli.internal.interpolate.GoTemplate;
import dev.kiln.cli.internal.interpolate.TemplateContext;
import dev.kiln.cli.internal.interpolate.TemplateException;
import dev.kiln.cli.internal.template.OptionReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The amazon-ebs options Packer renders during the build rather than when it prepares the builder, with the
 * build template data as the template's dot ({@code {{ .SourceAMIName }}}, {@code {{ .SourceAMITags.Name }}}).
 * As in Packer, preparing only parses them: a syntax error or an unknown function is a problem now; a template
 * that reads the data, or fails to run, is run by the build once the source AMI is resolved, through
 * {@link AmazonEbs.Builder}'s {@link BuildData} overloads, and fails the build if it still fails.
 *
 * <pre>{@code
 * new BuildDataOptions(buildCtx, reader).tags("tags", b::amiTags, b::amiTag);
 * }</pre>
 */
final class BuildDataOptions {
    /** The options Packer 1.6.6's amazon-ebs excludes from interpolation at prepare; Kiln lacks spot_tags. */
    static final Set<String> OPTIONS = Set.of("ami_description", "run_tags", "run_volume_tags", "snapshot_tags",
            "tags");

    private final TemplateContext ctx;
    private final OptionReader o;

    /** Options of {@code o}, rendered in the build's context {@code ctx}. */
    BuildDataOptions(TemplateContext ctx, OptionReader o) {
        this.ctx = ctx;
        this.o = o;
    }

    /**
     * A tag map option: the tags known now to {@code fixed} (a setter, called first), then each tag whose value
     * needs the build to {@code computed}.
     */
    void tags(String option, Consumer<Map<String, String>> fixed,
            BiConsumer<String, Function<BuildData, String>> computed) {
        o.stringMap(option, tags -> {
            Map<String, String> known = new LinkedHashMap<>();
            Map<String, Function<BuildData, String>> later = new LinkedHashMap<>();
            tags.forEach((key, value) -> {
                String what = "Error processing tag: " + key + ":" + value;
                Function<BuildData, String> keyValue = value(option, key, what);
                Function<BuildData, String> tagValue = value(option, value, what);
                if (keyValue == null || tagValue == null) {
                    return;
                }
                if (!(keyValue instanceof Fixed k)) {
                    o.problem(option, "has the tag key '" + key + "', which needs the build template data",
                            "Kiln computes only tag values from the build data: write the key without {{ .Field }}");
                } else if (tagValue instanceof Fixed v) {
                    known.put(k.text(), v.text());
                } else {
                    later.put(k.text(), tagValue);
                }
            });
            fixed.accept(known);
            later.forEach(computed);
        });
    }

    /** A text option: to {@code fixed}, or to {@code computed} when it needs the build. */
    void text(String option, Consumer<String> fixed, Consumer<Function<BuildData, String>> computed) {
        o.string(option, text -> {
            Function<BuildData, String> value = value(option, text, option);
            if (value instanceof Fixed f) {
                fixed.accept(f.text());
            } else if (value != null) {
                computed.accept(value);
            }
        });
    }

    /** The value of {@code text}: fixed when it runs now without the data, null after a problem. */
    private Function<BuildData, String> value(String option, String text, String what) {
        if (GoTemplate.isLiteral(text)) {
            return new Fixed(text);
        }
        GoTemplate template;
        try {
            template = GoTemplate.parse(text);
        } catch (TemplateException e) {
            o.problem(option, "invalid '" + option + "': " + e.getMessage(), "correct the template expression");
            return null;
        }
        if (template.fieldsRead().isEmpty()) {
            try {
                return new Fixed(template.execute(ctx));
            } catch (TemplateException e) {
                // Packer runs these options only in the build, so a failure is the build's, not the template's
            }
        }
        return data -> {
            try {
                return template.execute(ctx.withData(fields(data)));
            } catch (TemplateException e) {
                throw new IllegalArgumentException(what + " - " + e.getMessage(), e);
            }
        };
    }

    /** The data's fields by Packer's names. */
    static Map<String, Object> fields(BuildData data) {
        return Map.of("BuildRegion", data.buildRegion(), "SourceAMI", data.sourceAmi(),
                "SourceAMICreationDate", data.sourceAmiCreationDate(), "SourceAMIName", data.sourceAmiName(),
                "SourceAMIOwner", data.sourceAmiOwner(), "SourceAMIOwnerName", data.sourceAmiOwnerName(),
                "SourceAMITags", data.sourceAmiTags());
    }

    /** A value known now. */
    private record Fixed(String text) implements Function<BuildData, String> {
        @Override
        public String apply(BuildData data) {
            return text;
        }
    }
}
