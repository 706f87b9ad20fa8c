package dev.kiln.cli.internal.mapping;

import dev.kiln.ansible.AnsibleProvisioner;
import dev.kiln.cli.internal.template.OptionReader;
import dev.kiln.core.provision.Provisioner;
import dev.kiln.core.spec.Problem;
import dev.kiln.docker.Docker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Packer's remote {@code ansible} provisioner, option by option, onto {@link AnsibleProvisioner}:
 * {@code playbook_file}, {@code command}, {@code extra_arguments}, {@code ansible_env_vars}, {@code groups},
 * {@code empty_groups}, {@code host_alias}, {@code user}, {@code galaxy_file}, {@code galaxy_command},
 * {@code roles_path}, {@code collections_path}, {@code inventory_directory}, {@code keep_inventory_file},
 * {@code use_sftp} and {@code use_proxy}. Local paths are relative to the working directory, as in Packer, and so
 * is a {@code command} written as a path.
 *
 * <p>Kiln's ansible-playbook connects straight to the machine, as Packer's does with {@code use_proxy: false}; it
 * runs no SSH proxy. So the proxy's options ({@code local_port}, {@code ssh_host_key_file},
 * {@code ssh_authorized_key_file}, {@code sftp_command}) are problems, and so is {@code user} unless
 * {@code use_proxy} is false: behind Packer's proxy it names only the proxy's login, while the playbook runs as the
 * builder's SSH user, the user Kiln logs in as. Options Kiln lacks ({@code inventory_file},
 * {@code inventory_file_template}, {@code ansible_ssh_extra_args}, {@code galaxy_force_install},
 * {@code skip_version_check}) are problems naming them, and so is an ansible provisioner on a docker build, whose
 * container Kiln reaches through the Docker API, not SSH.
 *
 * <pre>{@code
 * Provisioner ansible = AnsibleOptions.map(reader, mapping, "amazon-ebs", "provisioner 1", problems);
 * }</pre>
 */
public final class AnsibleOptions {
    /** Packer's name for the provisioner. */
    public static final String TYPE = "ansible";

    /** Kiln's field names, as its validation reports them, and the Packer options they come from. */
    static final Map<String, String> PACKER_NAMES = Map.ofEntries(Map.entry("playbookFile", "playbook_file"),
            Map.entry("command", "command"),
            Map.entry("extraArguments", "extra_arguments"), Map.entry("ansibleEnvVars", "ansible_env_vars"),
            Map.entry("emptyGroups", "empty_groups"), Map.entry("hostAlias", "host_alias"),
            Map.entry("galaxyFile", "galaxy_file"), Map.entry("galaxyCommand", "galaxy_command"),
            Map.entry("rolesPath", "roles_path"), Map.entry("collectionsPath", "collections_path"),
            Map.entry("inventoryDirectory", "inventory_directory"),
            Map.entry("keepInventoryFile", "keep_inventory_file"), Map.entry("useSftp", "use_sftp"));

    private static final String SUPPORTED = "playbook_file, command, extra_arguments, ansible_env_vars, groups, "
            + "empty_groups, host_alias, user (with use_proxy false), galaxy_file, galaxy_command, roles_path, "
            + "collections_path, inventory_directory, keep_inventory_file, use_sftp, use_proxy, "
            + "skip_version_check (false), galaxy_force_install (false), and pause_before, max_retries, timeout, "
            + "only, except, override";
    private static final String NO_PROXY = "is an option of Packer's SSH proxy, which Kiln does not run: its "
            + "ansible-playbook connects straight to the machine, as Packer's does with use_proxy false";

    private AnsibleOptions() {
    }

    /**
     * The Ansible provisioner for a build whose builder is of type {@code builderType}; problems named under
     * {@code label}.
     */
    public static Provisioner map(OptionReader o, MappingContext mapping, String builderType, String label,
            List<Problem> problems) {
        AnsibleProvisioner.Builder b = AnsibleProvisioner.builder();
        AtomicBoolean playbook = new AtomicBoolean();
        o.string("playbook_file", file -> {
            b.playbookFile(mapping.resolve(file));
            playbook.set(true);
        });
        if (!playbook.get()) {
            o.problem("playbook_file", "must be specified", "name the playbook to run, e.g. \"site.yml\"");
        }
        o.string("command", command -> b.command(program(command, mapping)));
        o.stringList("extra_arguments", b::extraArguments);
        o.stringList("ansible_env_vars", vars -> b.ansibleEnvVars(vars.toArray(String[]::new)));
        o.stringList("groups", groups -> b.groups(groups.toArray(String[]::new)));
        o.stringList("empty_groups", groups -> b.emptyGroups(groups.toArray(String[]::new)));
        o.string("host_alias", b::hostAlias);
        o.string("galaxy_file", file -> b.galaxyFile(mapping.resolve(file)));
        o.string("galaxy_command", command -> b.galaxyCommand(program(command, mapping)));
        o.string("roles_path", path -> b.rolesPath(mapping.resolve(path)));
        o.string("collections_path", path -> b.collectionsPath(mapping.resolve(path)));
        o.string("inventory_directory", dir -> b.inventoryDirectory(mapping.resolve(dir)));
        o.bool("keep_inventory_file", b::keepInventoryFile);
        o.bool("use_sftp", b::useSftp);
        user(o, b);
        refuseWhatKilnLacks(o);
        if (Docker.TYPE.equals(builderType)) {
            problems.add(new Problem(label, "the ansible provisioner reaches the machine over SSH, and Kiln reaches "
                    + "a docker build's container through the Docker API, with no SSH to give Ansible",
                    "provision the docker build with shell and file provisioners, or keep this provisioner to the "
                            + "amazon-ebs builds with \"only\""));
        }
        o.reportUnread("the ansible provisioner", SUPPORTED);
        AnsibleProvisioner ansible = b.build();
        ansible.validate().stream().filter(p -> playbook.get() || !p.field().equals("playbookFile"))
                .forEach(p -> problems.add(inPackerWords(PackerNames.rename(p, label, PACKER_NAMES))));
        return ansible;
    }

    /** The problem with the builder calls its fix names ({@code inventoryDirectory(...)}) written as options. */
    private static Problem inPackerWords(Problem p) {
        String fix = p.fix();
        for (Map.Entry<String, String> name : PACKER_NAMES.entrySet()) {
            fix = fix.replace(name.getKey() + "(...)", "\"" + name.getValue() + "\"");
        }
        return new Problem(p.field(), p.problem(), fix);
    }

    /** A program named as a path is relative to the working directory; a bare name is looked up on the PATH. */
    private static String program(String command, MappingContext mapping) {
        return command.contains("/") ? mapping.resolveText(command) : command;
    }

    /** {@code user} is the login only without Packer's proxy, which is the only way Kiln connects. */
    private static void user(OptionReader o, AnsibleProvisioner.Builder b) {
        AtomicReference<Boolean> useProxy = new AtomicReference<>();
        o.bool("use_proxy", useProxy::set);
        o.string("user", user -> {
            if (Boolean.FALSE.equals(useProxy.get())) {
                b.user(user);
            } else {
                o.problem("user", "names only the login to Packer's SSH proxy (use_proxy is "
                        + (useProxy.get() == null ? "unset" : "true") + "), while the playbook runs as the builder's "
                        + "SSH user; Kiln runs no proxy and logs in as that user",
                        "remove it, or set \"use_proxy\": false to log in as this user, as Kiln then does");
            }
        });
    }

    private static void refuseWhatKilnLacks(OptionReader o) {
        o.integer("local_port", port -> {
            if (port != 0) {
                o.problem("local_port", NO_PROXY, "remove it");
            }
        });
        for (String proxyOption : List.of("ssh_host_key_file", "ssh_authorized_key_file", "sftp_command")) {
            o.string(proxyOption, value -> o.problem(proxyOption, NO_PROXY, "remove it"));
        }
        o.string("inventory_file", file -> o.problem("inventory_file", "is not supported by Kiln, which always "
                + "writes the inventory of the build's machine", "remove it, and put host_vars and group_vars beside "
                + "the playbook or in an inventory_directory"));
        o.string("inventory_file_template", template -> o.problem("inventory_file_template", "is not supported by "
                + "Kiln, whose inventory sets the machine's address, port, user and SSH options itself",
                "remove it; set variables with extra_arguments [\"--extra-vars\", \"name=value\"]"));
        o.stringList("ansible_ssh_extra_args", args -> {
            if (!args.isEmpty()) {
                o.problem("ansible_ssh_extra_args", "is not supported by Kiln",
                        "pass ssh options in extra_arguments: [\"--ssh-extra-args\", \"-o Name=value\"]");
            }
        });
        o.bool("galaxy_force_install", force -> {
            if (force) {
                o.problem("galaxy_force_install", "is not supported by Kiln, whose galaxy step never passes --force",
                        "remove it, or pin the versions in the galaxy_file");
            }
        });
        o.bool("skip_version_check", skip -> {
            if (skip) {
                o.problem("skip_version_check", "is not supported by Kiln, which checks before the build that the "
                        + "command runs on this machine", "install Ansible before the build and remove it");
            }
        });
    }
}
