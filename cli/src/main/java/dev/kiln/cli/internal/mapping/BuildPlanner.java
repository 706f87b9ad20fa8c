package dev.kiln.cli.internal.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.aws.AmazonEbs;
import dev.kiln.cli.internal.interpolate.TemplateContext;
import dev.kiln.cli.internal.template.GoDuration;
import dev.kiln.cli.internal.template.Interpolation;
import dev.kiln.cli.internal.template.OptionReader;
import dev.kiln.cli.internal.template.RawTemplate;
import dev.kiln.cli.internal.template.Section;
import dev.kiln.core.Secret;
import dev.kiln.core.provision.Provisioner;
import dev.kiln.core.provision.ProvisionerOptions;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.core.spec.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns each selected build of a template into an {@link ImageSpec}: the builder's options interpolated in the
 * build's context and mapped onto {@link AmazonEbs}, then the provisioners and post-processors whose
 * only/except let them run on it (with the build's overrides), then the user variables (sensitive ones as
 * secrets). Problems are collected per build, as Packer reports them. The builds of one planner are one run: their
 * manifests record one run uuid.
 *
 * <pre>{@code
 * BuildPlanner.Plan plan = new BuildPlanner(template, variables, ctx).plan(List.of(), List.of());
 * }</pre>
 */
public final class BuildPlanner {
    /** The builder types Kiln maps. */
    public static final String BUILDER_TYPE = AmazonEbs.TYPE;

    private static final Map<String, String> EXECUTE_COMMAND_FIELDS = Map.of("Path", "{{.Path}}", "Vars", "{{.Vars}}");

    private final RawTemplate template;
    private final Map<String, String> variables;
    private final TemplateContext ctx;
    private final String runUuid = UUID.randomUUID().toString();

    /**
     * A planner for {@code template} with its resolved user variables.
     *
     * @param ctx the run's context (start time, environment); the variables, build and template path are set here
     */
    public BuildPlanner(RawTemplate template, Map<String, String> variables, TemplateContext ctx) {
        this.template = template;
        this.variables = Map.copyOf(variables);
        this.ctx = ctx.withUserVariables(variables).withTemplatePath(template.path());
    }

    /**
     * Every build selected by {@code only} / {@code except} (build names; both empty for all builds).
     *
     * @param builds the planned builds, in the template's order; only those without problems
     * @param problems per build name, the problems of builds that can't run; empty when all can
     */
    public record Plan(List<PlannedBuild> builds, Map<String, List<Problem>> problems) {
    }

    /** Plans the builds {@code only} and {@code except} select. */
    public Plan plan(List<String> only, List<String> except) {
        List<PlannedBuild> builds = new ArrayList<>();
        Map<String, List<Problem>> problems = new LinkedHashMap<>();
        for (Section builder : template.builders()) {
            if ((!only.isEmpty() && !only.contains(builder.name())) || except.contains(builder.name())) {
                continue;
            }
            List<Problem> found = new ArrayList<>();
            PlannedBuild build = plan(builder, found);
            if (found.isEmpty()) {
                builds.add(build);
            } else {
                problems.put(builder.name(), found);
            }
        }
        return new Plan(builds, problems);
    }

    private PlannedBuild plan(Section builder, List<Problem> problems) {
        String name = builder.name();
        TemplateContext buildCtx = ctx.withBuild(name, builder.type());
        MappingContext mapping = new MappingContext(runUuid, buildCtx.workingDirectory(), template.sensitiveVariables()
                .stream().map(variables::get).filter(Objects::nonNull).collect(Collectors.toSet()));
        ImageSpec.SpecBuilder spec = ImageSpec.builder(name);
        if (!builder.type().equals(BUILDER_TYPE)) {
            problems.add(new Problem(builder.label(), "builder type '" + builder.type()
                    + "' is not supported by Kiln; supported: " + BUILDER_TYPE,
                    "build this image with Packer, or change the builder to amazon-ebs"));
        } else {
            String label = "builder '" + name + "'";
            ObjectNode raw = builder.config();
            ObjectNode config = Interpolation.render(raw.deepCopy().without(BuildDataOptions.OPTIONS), buildCtx,
                    Map.of(), label, problems);
            BuildDataOptions.OPTIONS.stream().filter(raw::has).forEach(option -> config.set(option, raw.get(option)));
            spec.source(AmazonEbsOptions.map(name, new OptionReader(config, label, problems),
                    mapping, buildCtx, label, problems));
        }
        for (Section p : template.provisioners()) {
            if (!p.skips(name)) {
                Provisioner provisioner = provisioner(p, name, buildCtx, mapping, problems);
                ProvisionerOptions options = provisionerOptions(p, buildCtx, problems);
                if (provisioner != null) {
                    spec.provision(provisioner, o -> o.pauseBefore(options.pauseBefore())
                            .maxRetries(options.maxRetries()).timeout(options.timeout()));
                }
            }
        }
        Section cleanup = template.errorCleanupProvisioner();
        if (cleanup != null) {
            Provisioner provisioner = provisioner(cleanup, name, buildCtx, mapping, problems);
            if (provisioner != null) {
                spec.errorCleanup(provisioner);
            }
        }
        int chains = 0;
        for (List<Section> chain : template.postProcessors()) {
            boolean runs = false;
            for (Section pp : chain) {
                if (!pp.skips(name)) {
                    postProcessor(pp, buildCtx, mapping, problems, spec);
                    runs = true;
                }
            }
            chains += runs ? 1 : 0;
        }
        variables.forEach((key, value) -> {
            if (template.sensitiveVariables().contains(key)) {
                spec.sensitiveVariable(key, Secret.of(value));
            } else {
                spec.variable(key, value);
            }
        });
        return new PlannedBuild(name, builder.type(), spec.build(), chains);
    }

    private Provisioner provisioner(Section p, String buildName, TemplateContext buildCtx, MappingContext mapping,
            List<Problem> problems) {
        if (!ProvisionerOptionsMapping.TYPES.contains(p.type())) {
            problems.add(new Problem(p.label(), "provisioner type '" + p.type()
                    + "' is not supported by Kiln; supported: file, shell",
                    "run it from a shell provisioner, or build this image with Packer"));
            return null;
        }
        ObjectNode config = Interpolation.render(p.configFor(buildName), buildCtx,
                Map.of("execute_command", buildCtx.withData(EXECUTE_COMMAND_FIELDS)), p.label(), problems);
        return ProvisionerOptionsMapping.map(p.type(), new OptionReader(config, p.label(), problems),
                mapping, p.label(), problems);
    }

    private static ProvisionerOptions provisionerOptions(Section p, TemplateContext buildCtx, List<Problem> problems) {
        ProvisionerOptions.Builder o = ProvisionerOptions.builder();
        duration(p.pauseBefore(), "pause_before", p, buildCtx, problems).ifPresent(o::pauseBefore);
        duration(p.timeout(), "timeout", p, buildCtx, problems).ifPresent(o::timeout);
        if (p.maxRetries() != null) {
            String text = Interpolation.text(p.maxRetries(), buildCtx, p.label() + ": max_retries", problems);
            try {
                o.maxRetries(text.isEmpty() ? 0 : Integer.parseInt(text.strip()));
            } catch (NumberFormatException e) {
                problems.add(new Problem(p.label() + ": max_retries", "is not a whole number: \"" + text + "\"",
                        "write how many times to retry, e.g. \"3\""));
            }
        }
        return o.build();
    }

    private static java.util.Optional<Duration> duration(String raw, String key, Section p, TemplateContext buildCtx,
            List<Problem> problems) {
        if (raw == null) {
            return java.util.Optional.empty();
        }
        String text = Interpolation.text(raw, buildCtx, p.label() + ": " + key, problems);
        try {
            return java.util.Optional.of(GoDuration.parse(text));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(p.label() + ": " + key, e.getMessage(), "write a duration such as 10s or 5m"));
            return java.util.Optional.empty();
        }
    }

    private static void postProcessor(Section pp, TemplateContext buildCtx, MappingContext mapping, List<Problem> problems,
            ImageSpec.SpecBuilder spec) {
        if (!pp.type().equals(ManifestOptions.TYPE)) {
            problems.add(new Problem(pp.label(), "post-processor type '" + pp.type()
                    + "' is not supported by Kiln; supported: " + ManifestOptions.TYPE,
                    "run it after the build from the manifest's artifact id, or build this image with Packer"));
            return;
        }
        ObjectNode config = Interpolation.render(pp.config(), buildCtx, Map.of(), pp.label(), problems);
        spec.postProcess(ManifestOptions.map(new OptionReader(config, pp.label(), problems),
                mapping, pp.label(), problems));
    }
}
