package dev.kiln.cli.internal.command;

import dev.kiln.cli.internal.template.RawTemplate;
import java.util.List;

/**
 * {@code kiln validate [-syntax-only] [-var k=v] [-var-file f] [-only a,b] [-except a,b] TEMPLATE}: Packer's
 * validate. Exit status 0 when the template is valid, 1 with the errors listed otherwise.
 */
public final class ValidateCommand implements Command {
    static final String HELP = """
            Usage: kiln validate [options] TEMPLATE

              Checks the template is valid by parsing the template and also
              checking the configuration with the various builders, provisioners, etc.

              If it is not valid, the errors will be shown and the command will exit
              with a non-zero exit status. If it is valid, it will exit with a zero
              exit status.

            Options:

              -syntax-only           Only check syntax. Do not verify config of the template.
              -except=foo,bar,baz    Validate all builds other than these.
              -only=foo,bar,baz      Validate only these builds.
              -var 'key=value'       Variable for templates, can be used multiple times.
              -var-file=path         JSON file containing user variables.
            """;

    @Override
    public String synopsis() {
        return "check that a template is valid";
    }

    @Override
    public int run(List<String> args, Console console) {
        TemplateFlags template = new TemplateFlags();
        boolean[] syntaxOnly = {false};
        GoFlags flags = template.addTo(new GoFlags()).bool("syntax-only", v -> syntaxOnly[0] = v);
        String name = flags.template(args, console, HELP);
        if (name == null) {
            return 1;
        }
        RawTemplate raw = TemplateFiles.read(console, name);
        if (raw == null) {
            return 1;
        }
        if (syntaxOnly[0]) {
            console.ui().say("Syntax-only check passed. Everything looks okay.");
            return 0;
        }
        return template.plan(raw, console) == null ? 1 : 0;
    }
}
