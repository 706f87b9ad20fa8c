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
import dev.kiln.core.builder.Builder;
import dev.kiln.core.provision.Provisioner;
import dev.kiln.core.provision.ProvisionerOptions;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.core.spec.Problem;
import dev.kiln.docker.Docker;
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
 * build's context and mapped onto {@link AmazonEbs} or {@link Docker} by its type, then the provisioners and post-processors whose
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
    public static final List<String> BUILDER_TYPES = List.of(AmazonEbs.TYPE, Docker.TYPE);

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
        Builder source = source(builder, buildCtx, mapping, problems);
        if (source != null) {
            spec.source(source);
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
        List<PostProcessorChain> chains = new ArrayList<>();
        for (List<Section> chain : template.postProcessors()) {
            PostProcessorOptions.map(chain, name, source, buildCtx, mapping, problems, spec).ifPresent(chains::add);
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

    /** The build's source, by the builder's type; null, with a problem, for a type Kiln lacks. */
    private static Builder source(Section builder, TemplateContext buildCtx, MappingContext mapping,
            List<Problem> problems) {
        String name = builder.name();
        String label = "builder '" + name + "'";
        if (!BUILDER_TYPES.contains(builder.type())) {
            problems.add(new Problem(builder.label(), "builder type '" + builder.type()
                    + "' is not supported by Kiln; supported: " + String.join(", ", BUILDER_TYPES),
                    "build this image with Packer, or change the builder to one of those"));
            return null;
        }
        ObjectNode raw = builder.config();
        if (builder.type().equals(Docker.TYPE)) {
            // run_command is rendered by the docker builder itself, with the image as {{.Image}}, as in Packer
            ObjectNode config = Interpolation.render(raw, buildCtx, Map.of("run_command",
                    buildCtx.withData(Map.of("Image", DockerRunCommand.IMAGE))), label, problems);
            return DockerOptions.map(name, new OptionReader(config, label, problems), mapping, label, problems);
        }
        // the options that may read the build template data are rendered at build time (BuildDataOptions)
        ObjectNode config = Interpolation.render(raw.deepCopy().without(BuildDataOptions.OPTIONS), buildCtx, Map.of(),
                label, problems);
        BuildDataOptions.OPTIONS.stream().filter(raw::has).forEach(option -> config.set(option, raw.get(option)));
        return AmazonEbsOptions.map(name, new OptionReader(config, label, problems), mapping, buildCtx, label,
                problems);
    }

    private Provisioner provisioner(Section p, String buildName, TemplateContext buildCtx, MappingContext mapping,
            List<Problem> problems) {
        if (!ProvisionerOptionsMapping.TYPES.contains(p.type())) {
            problems.add(new Problem(p.label(), "provisioner type '" + p.type()
                    + "' is not supported by Kiln; supported: " + String.join(", ", ProvisionerOptionsMapping.TYPES),
                    "run it from a shell provisioner, or build this image with Packer"));
            return null;
        }
        ObjectNode config = Interpolation.render(p.configFor(buildName), buildCtx,
                Map.of("execute_command", buildCtx.withData(EXECUTE_COMMAND_FIELDS)), p.label(), problems);
        return ProvisionerOptionsMapping.map(p.type(), new OptionReader(config, p.label(), problems),
                mapping, buildCtx.buildType(), p.label(), problems);
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
}
