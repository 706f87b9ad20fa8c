package dev.kiln.cli.internal.command;

import dev.kiln.cli.internal.template.RawTemplate;
import dev.kiln.cli.internal.template.TemplateReader;
import dev.kiln.core.spec.InvalidSpecException;
import dev.kiln.core.spec.Problem;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads the template a command names, printing Packer's {@code Failed to parse template: ...} when it can't. */
final class TemplateFiles {
    private TemplateFiles() {
    }

    /** The template at {@code name} (relative to the working directory), or null after printing the error. */
    static RawTemplate read(Console console, String name) {
        Path path = console.workingDirectory().resolve(name).normalize();
        try {
            return TemplateReader.read(path);
        } catch (NoSuchFileException e) {
            console.ui().error("\"" + name + "\": stat " + name + ": no such file or directory");
        } catch (IOException e) {
            console.ui().error("Failed to parse template: open " + name + ": " + e.getMessage());
        } catch (InvalidSpecException e) {
            List<Problem> problems = e.problems();
            boolean syntax = problems.size() == 1 && problems.get(0).field().equals("Error parsing JSON");
            console.ui().error("Failed to parse template: " + (syntax ? Messages.line(problems.get(0))
                    : Messages.multiError(problems)));
        }
        return null;
    }
}
