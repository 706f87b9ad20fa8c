package dev.kiln.core.provision.internal;

import dev.kiln.core.spec.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell provisioner's execute-command template, with Packer's placeholders: {@code {{.Path}}} (the
 * script's remote path) and {@code {{.Vars}}} (the quoted environment assignments).
 *
 * <pre>{@code
 * String line = new ExecuteCommand("chmod +x {{.Path}}; {{.Vars}} {{.Path}}").render("/tmp/s.sh", "A='1'");
 * }</pre>
 */
public final class ExecuteCommand {
    /** Packer's default: make the script executable, then run it with the variables set. */
    public static final String DEFAULT = "chmod +x {{.Path}}; {{.Vars}} {{.Path}}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\.?([^}]*?)\\s*}}");
    private final String template;

    /** A template; check it with {@link #validate(String)}. */
    public ExecuteCommand(String template) {
        this.template = template;
    }

    /** The command line for a script at {@code path} with the assignments {@code vars}. */
    public String render(String path, String vars) {
        return template.replace("{{.Path}}", path).replace("{{.Vars}}", vars);
    }

    /** Every problem with the template, reported under {@code field}. */
    public List<Problem> validate(String field) {
        List<Problem> problems = new ArrayList<>();
        if (template.isBlank()) {
            problems.add(new Problem(field, "is empty", "leave it unset for the default " + DEFAULT));
            return problems;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!m.group().equals("{{.Path}}") && !m.group().equals("{{.Vars}}")) {
                problems.add(new Problem(field, "has an unknown placeholder " + m.group(),
                        "use only {{.Path}} and {{.Vars}}"));
            }
        }
        if (!template.contains("{{.Path}}")) {
            problems.add(new Problem(field, "does not contain {{.Path}}", "run the script with {{.Path}}"));
        }
        return problems;
    }

    @Override
    public String toString() {
        return template;
    }
}
