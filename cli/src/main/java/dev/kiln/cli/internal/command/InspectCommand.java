package dev.kiln.cli.internal.command;

import dev.kiln.cli.internal.template.RawTemplate;
import dev.kiln.cli.internal.template.Section;
import dev.kiln.cli.internal.template.Variable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code kiln inspect TEMPLATE}: Packer's inspect for JSON templates: the description, the required and optional
 * variables (sensitive ones shown as {@code <sensitive>}), the builders and the provisioners, as written. As in
 * Packer, only the template's syntax is checked.
 */
public final class InspectCommand implements Command {
    static final String HELP = """
            Usage: kiln inspect TEMPLATE

              Inspects a template, parsing and outputting the components a template
              defines. This does not validate the contents of a template (other than
              basic syntax by necessity).
            """;

    @Override
    public String synopsis() {
        return "see components of a template";
    }

    @Override
    public int run(List<String> args, Console console) {
        String name = new GoFlags().template(args, console, HELP);
        if (name == null) {
            return 1;
        }
        RawTemplate raw = TemplateFiles.read(console, name);
        if (raw == null) {
            return 1;
        }
        print(raw, console.ui());
        return 0;
    }

    private static void print(RawTemplate t, Ui ui) {
        ui.say("Packer Inspect: JSON mode");
        if (!t.description().isEmpty()) {
            ui.say("Description:\n");
            ui.say(t.description() + "\n");
        }
        variables(t, ui);
        ui.say("");
        ui.say("Builders:\n");
        if (t.builders().isEmpty()) {
            ui.say("  <No builders>");
        }
        Map<String, Section> builders = new TreeMap<>();
        t.builders().forEach(b -> builders.put(b.name(), b));
        int width = builders.keySet().stream().mapToInt(String::length).max().orElse(0);
        builders.forEach((name, b) -> {
            ui.machine("", "template-builder", name, b.type());
            ui.say("  " + pad(name, width) + (name.equals(b.type()) ? "" : " (" + b.type() + ")"));
        });
        ui.say("");
        ui.say("Provisioners:\n");
        if (t.provisioners().isEmpty()) {
            ui.say("  <No provisioners>");
        }
        t.provisioners().forEach(p -> {
            ui.machine("", "template-provisioner", p.type());
            ui.say("  " + p.type());
        });
        ui.say("\nNote: If your build names contain user variables or template\n"
                + "functions such as 'timestamp', these are processed at build time,\n"
                + "and therefore only show in their raw form here.");
    }

    private static void variables(RawTemplate t, Ui ui) {
        if (t.variables().isEmpty()) {
            ui.say("Variables:\n");
            ui.say("  <No variables>");
            return;
        }
        Map<String, Variable> sorted = new TreeMap<>(t.variables());
        List<Variable> required = sorted.values().stream().filter(Variable::required).toList();
        if (!required.isEmpty()) {
            ui.say("Required variables:\n");
            required.forEach(v -> {
                ui.machine("", "template-variable", v.name(), shown(t, v), "1");
                ui.say("  " + v.name());
            });
            ui.say("");
        }
        ui.say("Optional variables and their defaults:\n");
        int width = sorted.keySet().stream().mapToInt(String::length).max().orElse(0);
        sorted.values().stream().filter(v -> !v.required()).forEach(v -> {
            String shown = shown(t, v);
            ui.machine("", "template-variable", v.name(), shown, "0");
            ui.say("  " + pad(v.name(), width) + " = " + shown);
        });
    }

    /**
     * The default as inspect shows it: {@code <sensitive>} for a sensitive variable, and, as Packer 1.6.6 compares
     * defaults rather than names, for any variable whose default is that of a sensitive variable.
     */
    private static String shown(RawTemplate t, Variable v) {
        String value = v.required() ? "" : v.defaultValue();
        boolean sensitive = t.sensitiveVariables().stream().map(t.variables()::get).filter(s -> s != null)
                .anyMatch(s -> (s.required() ? "" : s.defaultValue()).equals(value));
        return sensitive ? "<sensitive>" : value;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
