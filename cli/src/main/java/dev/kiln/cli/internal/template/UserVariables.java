package dev.kiln.cli.internal.template;

import dev.kiln.cli.internal.interpolate.GoTemplate;
import dev.kiln.cli.internal.interpolate.TemplateContext;
import dev.kiln.cli.internal.interpolate.TemplateException;
import dev.kiln.core.spec.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out the user variables' values as Packer 1.6 does: a template's defaults, replaced by the values of
 * {@code -var-file} files and then {@code -var} flags; every value is itself a template in which {@code env}
 * and {@code user} may be called, so a variable may be built from others (in any order, but not in a cycle).
 * A variable whose default is {@code null} must be given a value.
 *
 * <pre>{@code
 * Map<String, String> values = UserVariables.resolve(template, Map.of("region", "eu-west-1"), ctx, problems);
 * }</pre>
 */
public final class UserVariables {
    private UserVariables() {
    }

    /**
     * The variables' values, or what is wrong with them added to {@code problems}.
     *
     * @param template the template whose {@code variables} declare the names and defaults
     * @param given values from var files and {@code -var} flags, the later ones winning
     * @param ctx the context to render in; {@code env} is allowed here whatever it says
     * @param problems where problems are added
     */
    public static Map<String, String> resolve(RawTemplate template, Map<String, String> given, TemplateContext ctx,
            List<Problem> problems) {
        List<String> missing = new ArrayList<>();
        Map<String, String> raw = new LinkedHashMap<>();
        template.variables().values().forEach(v -> {
            if (given.containsKey(v.name())) {
                raw.put(v.name(), given.get(v.name()));
            } else if (v.required()) {
                missing.add(v.name());
            } else {
                raw.put(v.name(), v.defaultValue());
            }
        });
        given.forEach(raw::putIfAbsent);
        if (!missing.isEmpty()) {
            problems.add(new Problem("variables", "required variable not set: " + String.join(", ", missing),
                    "pass a value with -var 'NAME=VALUE' or -var-file, or give the variable a default"));
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        List<Problem> renderProblems = new ArrayList<>();
        for (String name : raw.keySet()) {
            render(name, raw, resolved, new ArrayList<>(), ctx.withEnvAllowed(true), renderProblems);
        }
        problems.addAll(renderProblems);
        return resolved;
    }

    private static String render(String name, Map<String, String> raw, Map<String, String> resolved,
            List<String> chain, TemplateContext ctx, List<Problem> problems) {
        if (resolved.containsKey(name)) {
            return resolved.get(name);
        }
        if (chain.contains(name)) {
            chain.add(name);
            problems.add(new Problem("variable " + chain.get(0), "refers to itself through " + String.join(" -> ", chain),
                    "break the cycle: one of these variables must not use the others"));
            return null;
        }
        String text = raw.get(name);
        if (GoTemplate.isLiteral(text)) {
            resolved.put(name, text);
            return text;
        }
        chain.add(name);
        try {
            GoTemplate template = GoTemplate.parse(text);
            Map<String, String> visible = new LinkedHashMap<>();
            for (String other : referencedVariables(template, raw)) {
                String value = render(other, raw, resolved, chain, ctx, problems);
                if (value == null) {
                    return null;
                }
                visible.put(other, value);
            }
            String value = template.execute(ctx.withUserVariables(visible));
            resolved.put(name, value);
            return value;
        } catch (TemplateException e) {
            String message = e.getMessage();
            String fix = message.contains("variable not set")
                    ? "declare the variable it refers to in \"variables\"; Packer treats every variable used in "
                            + "another's value as required"
                    : "correct the template in the variable's value";
            problems.add(new Problem("variable " + name, "error interpolating default value: " + message, fix));
            return null;
        } finally {
            chain.remove(name);
        }
    }

    /** The declared variables the template reads with {@code user}; unknown names fail when read. */
    private static List<String> referencedVariables(GoTemplate template, Map<String, String> raw) {
        return template.constantArguments("user").stream().filter(raw::containsKey).toList();
    }
}
