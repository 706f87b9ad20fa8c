package dev.kiln.cli.internal.command;

import dev.kiln.cli.internal.mapping.BuildPlanner;
import dev.kiln.cli.internal.mapping.PlannedBuild;
import dev.kiln.cli.internal.mapping.TemplateInputs;
import dev.kiln.cli.internal.template.RawTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags Packer's validate and build share: {@code -var 'name=value'} (repeatable), {@code -var-file=FILE}
 * (repeatable), {@code -only=a,b} and {@code -except=a,b}; and the planning of a template's builds with them.
 */
final class TemplateFlags {
    final Map<String, String> vars = new LinkedHashMap<>();
    final List<Path> varFiles = new ArrayList<>();
    final List<String> only = new ArrayList<>();
    final List<String> except = new ArrayList<>();

    /**
     * The builds of {@code raw} these flags select, planned: Packer's core initialisation (template checks,
     * variables) and each build's preparation. Null after printing the errors, as Packer's validate and build do.
     */
    List<PlannedBuild> plan(RawTemplate raw, Console console) {
        TemplateInputs.Initialized init = new TemplateInputs(varFiles(console), vars, console.templateContext())
                .initialize(raw);
        if (!init.problems().isEmpty()) {
            console.ui().error(CoreErrors.message(init.problems(), console.ui().isHuman()));
            return null;
        }
        BuildPlanner.Plan plan = init.planner(console.templateContext()).plan(only, except);
        plan.problems().forEach((build, problems) -> console.ui().error(Messages.diagnostic(
                "Failed to prepare build: \"" + build + "\"", Messages.packerErrors(problems), console.ui().isHuman())));
        return plan.problems().isEmpty() ? plan.builds() : null;
    }

    /** The {@code -var-file} files, relative to the run's working directory. */
    List<Path> varFiles(Console console) {
        return varFiles.stream().map(f -> console.workingDirectory().resolve(f)).toList();
    }

    /** Defines the flags on {@code flags}. */
    GoFlags addTo(GoFlags flags) {
        return flags.string("var", this::var)
                .string("var-file", file -> varFiles.add(Path.of(file)))
                .string("only", value -> only.addAll(list(value)))
                .string("except", value -> except.addAll(list(value)));
    }

    private void var(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("Variable needs to be in the form 'key=value', got '" + assignment + "'");
        }
        vars.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    }

    private static List<String> list(String value) {
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }
}
