package dev.kiln.cli.internal.mapping;

import dev.kiln.cli.internal.interpolate.TemplateContext;
import dev.kiln.cli.internal.template.RawTemplate;
import dev.kiln.cli.internal.template.TemplateChecks;
import dev.kiln.cli.internal.template.UserVariables;
import dev.kiln.cli.internal.template.VariableFiles;
import dev.kiln.core.spec.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run gives a template besides the file: {@code -var-file} files, {@code -var} values (which win over
 * the files' values), the environment and the run's context. {@link #initialize(RawTemplate)} is Packer's
 * "initializing core" stage: the template's own checks and the user variables.
 *
 * <pre>{@code
 * TemplateInputs inputs = new TemplateInputs(List.of(Path.of("prod.json")), Map.of("region", "eu-west-1"), ctx);
 * TemplateInputs.Initialized init = inputs.initialize(template);
 * }</pre>
 *
 * @param varFiles the {@code -var-file} files, in the order given
 * @param vars the {@code -var} values
 * @param ctx the run's context: start time, environment, working directory
 */
public record TemplateInputs(List<Path> varFiles, Map<String, String> vars, TemplateContext ctx) {
    /** Copies the list and map. */
    public TemplateInputs {
        varFiles = List.copyOf(varFiles);
        vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    /**
     * A template with its user variables worked out, or the problems that stop it.
     *
     * @param template the template
     * @param variables the variables' values
     * @param problems what is wrong; empty when the template can be planned
     */
    public record Initialized(RawTemplate template, Map<String, String> variables, List<Problem> problems) {
        /** The planner for this template's builds. */
        public BuildPlanner planner(TemplateContext ctx) {
            return new BuildPlanner(template, variables, ctx);
        }
    }

    /** Packer's core initialisation: template checks, then variables from files, flags and defaults. */
    public Initialized initialize(RawTemplate template) {
        List<Problem> problems = new ArrayList<>(TemplateChecks.check(template));
        Map<String, String> given = new LinkedHashMap<>();
        for (Path file : varFiles) {
            given.putAll(VariableFiles.read(file, problems));
        }
        given.putAll(vars);
        Map<String, String> variables = UserVariables.resolve(template, given, ctx, problems);
        return new Initialized(template, variables, problems);
    }
}
