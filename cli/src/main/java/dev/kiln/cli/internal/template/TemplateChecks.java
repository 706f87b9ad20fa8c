package dev.kiln.cli.internal.template;

import dev.kiln.core.spec.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks Packer makes on a parsed template before it looks at any builder's options: at least one builder,
 * {@code only} and {@code except} naming builders that exist (and not both at once), and provisioner
 * {@code override}s naming builders that exist.
 *
 * <pre>{@code
 * List<Problem> problems = TemplateChecks.check(template);
 * }</pre>
 */
public final class TemplateChecks {
    private TemplateChecks() {
    }

    /** The Packer version whose templates Kiln reads, for {@code min_packer_version}. */
    public static final String PACKER_VERSION = "1.6.6";

    /** Every problem found, in Packer's order; a {@code min_packer_version} above 1.6.6 stops the checks. */
    public static List<Problem> check(RawTemplate template) {
        List<Problem> problems = new ArrayList<>();
        if (!template.minPackerVersion().isEmpty()) {
            minVersion(template.minPackerVersion(), problems);
            if (!problems.isEmpty()) {
                return problems;
            }
        }
        if (template.builders().isEmpty()) {
            problems.add(new Problem("builders", "at least one builder must be defined",
                    "add a builder, e.g. { \"type\": \"amazon-ebs\", ... }"));
        }
        for (Section p : template.provisioners()) {
            onlyExcept(template, p, problems);
            for (String name : p.overrides().keySet()) {
                if (template.builder(name) == null) {
                    problems.add(new Problem(p.label(), "override '" + name + "' doesn't exist",
                            "name a builder of this template; builders: " + builderNames(template)));
                }
            }
        }
        for (List<Section> chain : template.postProcessors()) {
            chain.forEach(pp -> onlyExcept(template, pp, problems));
        }
        return problems;
    }

    private static void minVersion(String min, List<Problem> problems) {
        int[] wanted = version(min);
        if (wanted == null) {
            problems.add(new Problem("min_packer_version", "min_version is invalid: Malformed version: " + min,
                    "write a version such as 1.6.0"));
            return;
        }
        int[] actual = version(PACKER_VERSION);
        for (int i = 0; i < 3; i++) {
            if (actual[i] != wanted[i]) {
                if (actual[i] < wanted[i]) {
                    problems.add(new Problem("min_packer_version", "This template requires Packer version " + min
                            + " or higher; using " + PACKER_VERSION + " (Kiln reads templates as Packer "
                            + PACKER_VERSION + " does)", "lower min_packer_version to " + PACKER_VERSION
                            + " or below if the template needs nothing newer"));
                }
                return;
            }
        }
    }

    /** Major, minor and patch of a version such as {@code 1.6}, {@code v1.6.6} or {@code 1.6.6-dev}; null if malformed. */
    private static int[] version(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:[-+].*)?").matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        int[] parts = new int[3];
        for (int i = 0; i < 3; i++) {
            parts[i] = m.group(i + 1) == null ? 0 : Integer.parseInt(m.group(i + 1));
        }
        return parts;
    }

    private static void onlyExcept(RawTemplate template, Section s, List<Problem> problems) {
        if (!s.only().isEmpty() && !s.except().isEmpty()) {
            problems.add(new Problem(s.label(), "only one of 'only' or 'except' may be specified",
                    "keep either the 'only' list or the 'except' list"));
            return;
        }
        for (String name : s.only()) {
            if (template.builder(name) == null) {
                problems.add(new Problem(s.label(), "'only' specified builder '" + name + "' not found",
                        "name a builder of this template; builders: " + builderNames(template)));
            }
        }
        for (String name : s.except()) {
            if (template.builder(name) == null) {
                problems.add(new Problem(s.label(), "'except' specified builder '" + name + "' not found",
                        "name a builder of this template; builders: " + builderNames(template)));
            }
        }
    }

    private static List<String> builderNames(RawTemplate template) {
        return template.builders().stream().map(Section::name).toList();
    }
}
