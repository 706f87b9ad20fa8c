package dev.kiln.cli;

import dev.kiln.cli.internal.command.BuildCommand;
import dev.kiln.cli.internal.command.Command;
import dev.kiln.cli.internal.command.Console;
import dev.kiln.cli.internal.command.InspectCommand;
import dev.kiln.cli.internal.command.Ui;
import dev.kiln.cli.internal.command.ValidateCommand;
import dev.kiln.cli.internal.command.VersionCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The {@code kiln} command: Packer 1.6's command line for JSON templates, e.g.
 * {@code kiln validate -var 'region=eu-west-1' template.json}. Its subcommands take Packer's flags and exit
 * with Packer's statuses: 0 on success, 1 on an error, 127 without a known subcommand.
 *
 * <pre>{@code
 * int status = Main.run(new String[] {"validate", "example.json"}, System.out);
 * }</pre>
 */
public final class Main {
    private Main() {
    }

    /** Runs {@code kiln} with {@code args} and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /**
     * Runs {@code kiln} with {@code args} in the JVM's working directory and environment, printing to {@code out}
     * as Packer prints everything, errors included, to standard output; returns the exit status.
     */
    public static int run(String[] args, PrintStream out) {
        return run(args, out, System::getenv, Path.of("").toAbsolutePath(), Instant.now());
    }

    /**
     * Runs {@code kiln} as from {@code workingDirectory} with the environment {@code env}; {@code -machine-readable}
     * anywhere in {@code args} switches every message to Packer's machine-readable lines on {@code out}.
     */
    static int run(String[] args, PrintStream out, UnaryOperator<String> env, Path workingDirectory, Instant startTime) {
        List<String> list = new ArrayList<>(Arrays.asList(args));
        boolean machineReadable = list.remove("-machine-readable");
        Ui ui = machineReadable ? Ui.machineReadable(out, Clock.systemUTC()) : Ui.human(out);
        Console console = new Console(ui, env, workingDirectory, startTime);
        Map<String, Command> commands = commands(out);
        if (list.size() == 1 && List.of("-v", "-version", "--version").contains(list.get(0))) {
            out.println(version());
            return 0;
        }
        Command command = list.isEmpty() ? null : commands.get(list.get(0));
        if (command == null) {
            console.ui().say(usage(commands));
            return 127;
        }
        return command.run(list.subList(1, list.size()), console);
    }

    private static Map<String, Command> commands(PrintStream out) {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("build", new BuildCommand(out));
        commands.put("inspect", new InspectCommand());
        commands.put("validate", new ValidateCommand());
        commands.put("version", new VersionCommand(version()));
        return commands;
    }

    private static String usage(Map<String, Command> commands) {
        StringBuilder out = new StringBuilder("Usage: kiln [--version] [--help] <command> [<args>]\n\n"
                + "Available commands are:");
        commands.forEach((name, c) -> out.append(String.format("%n    %-12s %s", name, c.synopsis())));
        return out.toString();
    }

    /** The version of this Kiln, from the jar's {@code kiln.properties}. */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("kiln.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
