package dev.kiln.cli.internal.mapping;

import dev.kiln.cli.internal.template.OptionReader;
import dev.kiln.core.Secret;
import dev.kiln.core.provision.FileProvisioner;
import dev.kiln.core.provision.Provisioner;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.provision.ShellProvisioner;
import dev.kiln.core.provision.TransferDirection;
import dev.kiln.core.spec.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Packer's {@code shell} and {@code file} provisioners, option by option, onto {@link Provisioners#shell()} and
 * {@link Provisioners#file()}, and its {@code ansible} provisioner through {@link AnsibleOptions}. Relative script
 * and file paths are relative to the working directory, as in Packer.
 *
 * <pre>{@code
 * Provisioner p = ProvisionerOptionsMapping.map("shell", reader, mapping, "amazon-ebs", "provisioner 1", problems);
 * }</pre>
 */
public final class ProvisionerOptionsMapping {
    /** The provisioner types Kiln maps, in alphabetical order. */
    public static final List<String> TYPES = List.of(AnsibleOptions.TYPE, "file", "shell");

    private static final Map<String, String> SHELL_NAMES = Map.of("inline", "inline", "scripts", "scripts",
            "env", "environment_vars", "executeCommand", "execute_command", "inlineShebang", "inline_shebang",
            "remoteFolder", "remote_folder", "validExitCodes", "valid_exit_codes",
            "startRetryTimeout", "start_retry_timeout");
    private static final Map<String, String> FILE_NAMES = Map.of("sources", "source", "destination", "destination");

    private ProvisionerOptionsMapping() {
    }

    /**
     * The provisioner of a supported {@code type} for a build whose builder is of type {@code builderType};
     * problems named under {@code label}.
     */
    public static Provisioner map(String type, OptionReader o, MappingContext mapping, String builderType,
            String label, List<Problem> problems) {
        return switch (type) {
            case "shell" -> shell(o, mapping, label, problems);
            case AnsibleOptions.TYPE -> AnsibleOptions.map(o, mapping, builderType, label, problems);
            default -> file(o, mapping, label, problems);
        };
    }

    private static Provisioner shell(OptionReader o, MappingContext mapping, String label, List<Problem> problems) {
        ShellProvisioner.Builder b = Provisioners.shell();
        o.stringList("inline", b::inline);
        List<Path> scripts = new ArrayList<>();
        o.string("script", s -> scripts.add(mapping.resolve(s)));
        o.stringList("scripts", list -> list.forEach(s -> scripts.add(mapping.resolve(s))));
        if (!scripts.isEmpty()) {
            b.scripts(scripts);
        }
        o.stringList("environment_vars", vars -> vars.forEach(v -> {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                o.problem("environment_vars", "Environment variable not in format 'key=value': " + v,
                        "write each entry as NAME=value");
            } else {
                String value = v.substring(eq + 1);
                if (mapping.holdsSecret(value)) {
                    b.env(v.substring(0, eq), Secret.of(value));
                } else {
                    b.env(v.substring(0, eq), value);
                }
            }
        }));
        o.string("execute_command", b::executeCommand);
        o.string("inline_shebang", b::inlineShebang);
        o.string("remote_folder", b::remoteFolder);
        o.stringList("valid_exit_codes", codes -> {
            try {
                b.validExitCodes(codes.stream().map(Integer::valueOf).toArray(Integer[]::new));
            } catch (NumberFormatException e) {
                o.problem("valid_exit_codes", "holds a value that is not a whole number: " + codes,
                        "list exit statuses, e.g. [0, 2]");
            }
        });
        o.bool("expect_disconnect", b::expectDisconnect);
        o.duration("start_retry_timeout", b::startRetryTimeout);
        o.bool("skip_clean", b::skipClean);
        o.reportUnread("the shell provisioner", "inline, script, scripts, environment_vars, execute_command, "
                + "inline_shebang, remote_folder, valid_exit_codes, expect_disconnect, start_retry_timeout, "
                + "skip_clean, and pause_before, max_retries, timeout, only, except, override");
        ShellProvisioner shell = b.build();
        shell.validate().forEach(p -> problems.add(PackerNames.rename(p, label, SHELL_NAMES)));
        return shell;
    }

    private static Provisioner file(OptionReader o, MappingContext mapping, String label, List<Problem> problems) {
        FileProvisioner.Builder b = Provisioners.file();
        AtomicReference<TransferDirection> direction = new AtomicReference<>(TransferDirection.UPLOAD);
        o.string("direction", value -> {
            switch (value) {
                case "upload" -> direction.set(TransferDirection.UPLOAD);
                case "download" -> direction.set(TransferDirection.DOWNLOAD);
                default -> o.problem("direction", "is '" + value + "'", "use \"upload\" or \"download\"");
            }
        });
        b.direction(direction.get());
        boolean upload = direction.get() == TransferDirection.UPLOAD;
        List<String> sources = new ArrayList<>();
        o.string("source", sources::add);
        o.stringList("sources", sources::addAll);
        sources.forEach(source -> b.source(upload ? mapping.resolveText(source) : source));
        o.string("destination", destination -> b.destination(upload ? destination : mapping.resolveText(destination)));
        o.reportUnread("the file provisioner", "source, sources, destination, direction, and pause_before, "
                + "max_retries, timeout, only, except, override");
        FileProvisioner file = b.build();
        file.validate().forEach(p -> problems.add(PackerNames.rename(p, label, FILE_NAMES)));
        return file;
    }
}
