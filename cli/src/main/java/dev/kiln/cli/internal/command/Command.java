package dev.kiln.cli.internal.command;

import java.util.List;

/** One {@code kiln} subcommand. */
public interface Command {
    /** Runs with the arguments after the subcommand's name; returns the exit status. */
    int run(List<String> args, Console console);

    /** One line for the list of commands, e.g. {@code check that a template is valid}. */
    String synopsis();
}
