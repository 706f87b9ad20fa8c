package dev.kiln.cli.internal.command;

import java.util.List;

/**
 * {@code kiln version}: prints {@code Kiln vVERSION}, as {@code packer version} prints {@code Packer v1.6.6}, and
 * with {@code -machine-readable} the {@code version}, {@code version-prelease} and {@code version-commit} lines.
 */
public final class VersionCommand implements Command {
    private final String version;

    /** The command for this Kiln version. */
    public VersionCommand(String version) {
        this.version = version;
    }

    @Override
    public String synopsis() {
        return "prints the Kiln version";
    }

    @Override
    public int run(List<String> args, Console console) {
        int dash = version.indexOf('-');
        console.ui().machine("", "version", dash < 0 ? version : version.substring(0, dash));
        console.ui().machine("", "version-prelease", dash < 0 ? "" : version.substring(dash + 1));
        console.ui().machine("", "version-commit", "");
        console.ui().say("Kiln v" + version);
        return 0;
    }
}
