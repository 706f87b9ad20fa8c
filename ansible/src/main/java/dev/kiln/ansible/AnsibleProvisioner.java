package dev.kiln.ansible;

import dev.kiln.ansible.internal.CommandCheck;
import dev.kiln.ansible.internal.GalaxyRequirements;
import dev.kiln.ansible.internal.Inventory;
import dev.kiln.ansible.internal.LocalCommand;
import dev.kiln.ansible.internal.PlaybookOutput;
import dev.kiln.ansible.internal.SshAgent;
import dev.kiln.ansible.internal.SshOptions;
import dev.kiln.ansible.internal.Workspace;
import dev.kiln.core.Buildable;
import dev.kiln.core.Secret;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.comm.Communicator;
import dev.kiln.core.post.internal.GoJson;
import dev.kiln.core.provision.Provisioner;
import dev.kiln.core.provision.ProvisionerException;
import dev.kiln.core.provision.internal.ShellQuote;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import dev.kiln.ssh.SshCommunicator;
import dev.kiln.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Runs an Ansible playbook against the build's machine, as Packer's {@code ansible} provisioner does: Kiln
 * writes a one-host inventory and runs {@code ansible-playbook} on the local machine, which reaches the
 * machine over OpenSSH with the build's key (held by an ssh-agent of Kiln's, never written to disk), through
 * the build's bastion, and held to the host keys Kiln verified (see the package documentation).
 *
 * <pre>{@code
 * AnsibleProvisioner site = Ansible.playbook(Path.of("ansible/site.yml"))
 *     .groups("web")
 *     .extraArguments("--extra-vars", "tier=prod")
 *     .ansibleEnvVars("ANSIBLE_PIPELINING=True")
 *     .galaxyFile(Path.of("ansible/requirements.yml")).rolesPath(Path.of("build/roles"))
 *     .build();
 * }</pre>
 *
 * <p>The playbook's output streams through the build's output like a shell script's. A playbook that fails
 * fails the step with a {@link ProvisionerException} whose message names the exit status and the failed task
 * (e.g. {@code Ansible playbook site.yml failed with exit status 2 in task 'web : write the site'}) followed by
 * the last {@value #TAIL_LINES} lines of output, and which carries both. The playbook sees the extra variables
 * {@code kiln_build_name}, {@code kiln_builder_type} and, for playbooks written for Packer,
 * {@code packer_build_name} and {@code packer_builder_type}.
 *
 * <p>Ansible runs with pipelining on ({@code ANSIBLE_PIPELINING=True}: one SSH session per task instead of four
 * or five, as no connection is kept open between tasks) and colours off; {@code ansibleEnvVars} overrides both,
 * e.g. {@code ANSIBLE_PIPELINING=False} for a machine whose sudo requires a tty.
 */
public final class AnsibleProvisioner implements Provisioner {
    /** How many of a failed playbook's last output lines its error shows. */
    public static final int TAIL_LINES = 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String INSTALL = "install Ansible (Debian/Ubuntu: apt-get install ansible-core; "
            + "elsewhere: pip install ansible-core), or set %s(...) to the path of the %s program";

    private final Path playbookFile;
    private final String command;
    private final List<String> extraArguments;
    private final List<String> ansibleEnvVars;
    private final List<String> groups;
    private final List<String> emptyGroups;
    private final String hostAlias;
    private final String user;
    private final Path galaxyFile;
    private final String galaxyCommand;
    private final Path rolesPath;
    private final Path collectionsPath;
    private final Path inventoryDirectory;
    private final boolean keepInventoryFile;
    private final boolean useSftp;

    private AnsibleProvisioner(Builder b) {
        playbookFile = b.playbookFile;
        command = b.command;
        extraArguments = List.copyOf(b.extraArguments);
        ansibleEnvVars = List.copyOf(b.ansibleEnvVars);
        groups = List.copyOf(b.groups);
        emptyGroups = List.copyOf(b.emptyGroups);
        hostAlias = b.hostAlias;
        user = b.user;
        galaxyFile = b.galaxyFile;
        galaxyCommand = b.galaxyCommand;
        rolesPath = b.rolesPath;
        collectionsPath = b.collectionsPath;
        inventoryDirectory = b.inventoryDirectory;
        keepInventoryFile = b.keepInventoryFile;
        useSftp = b.useSftp;
    }

    /** Starts an Ansible provisioner with Packer's defaults; {@link Ansible#playbook(Path)} also sets the playbook. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.playbookFile = playbookFile;
        b.command = command;
        b.extraArguments.addAll(extraArguments);
        b.ansibleEnvVars.addAll(ansibleEnvVars);
        b.groups.addAll(groups);
        b.emptyGroups.addAll(emptyGroups);
        b.hostAlias = hostAlias;
        b.user = user;
        b.galaxyFile = galaxyFile;
        b.galaxyCommand = galaxyCommand;
        b.rolesPath = rolesPath;
        b.collectionsPath = collectionsPath;
        b.inventoryDirectory = inventoryDirectory;
        b.keepInventoryFile = keepInventoryFile;
        b.useSftp = useSftp;
        return b;
    }

    /** {@code ansible}, Packer's name for it. */
    @Override
    public String type() {
        return "ansible";
    }

    /** The playbook run. */
    public Path playbookFile() {
        return playbookFile;
    }

    /** The arguments passed to ansible-playbook as they are ({@code extra_arguments}). */
    public List<String> extraArguments() {
        return extraArguments;
    }

    /** The {@code NAME=value} assignments added to ansible-playbook's environment ({@code ansible_env_vars}). */
    public List<String> ansibleEnvVars() {
        return ansibleEnvVars;
    }

    /** The inventory groups the machine is in ({@code groups}). */
    public List<String> groups() {
        return groups;
    }

    /** The inventory groups with no host ({@code empty_groups}). */
    public List<String> emptyGroups() {
        return emptyGroups;
    }

    /** The machine's name in the inventory ({@code host_alias}). */
    public String hostAlias() {
        return hostAlias;
    }

    /** The user Ansible logs in as; null for the builder's SSH user ({@code user}). */
    public String user() {
        return user;
    }

    /** Whether Ansible moves files with SFTP rather than SCP ({@code use_sftp}). */
    public boolean useSftp() {
        return useSftp;
    }

    /**
     * Every problem with the configuration, with no network call: missing files, bad names, and whether
     * {@code command --version} (and {@code galaxyCommand --version} with a galaxy file) runs on this machine.
     */
    @Override
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        if (playbookFile == null) {
            problems.add(new Problem("playbookFile", "is not set",
                    "start from Ansible.playbook(Path.of(\"site.yml\"))"));
        } else if (!Files.isRegularFile(playbookFile) || !Files.isReadable(playbookFile)) {
            problems.add(new Problem("playbookFile", "is not a readable file: " + playbookFile,
                    "point it at an existing playbook"));
        }
        checkCommand(problems, "command", command, "ansible-playbook");
        if (galaxyFile != null) {
            if (!Files.isRegularFile(galaxyFile) || !Files.isReadable(galaxyFile)) {
                problems.add(new Problem("galaxyFile", "is not a readable file: " + galaxyFile,
                        "point it at an existing requirements file, or leave it unset"));
            }
            checkCommand(problems, "galaxyCommand", galaxyCommand, "ansible-galaxy");
        }
        for (int i = 0; i < ansibleEnvVars.size(); i++) {
            String assignment = ansibleEnvVars.get(i);
            int equals = assignment.indexOf('=');
            if (equals < 1 || !ShellQuote.isVariableName(assignment.substring(0, equals))) {
                problems.add(new Problem("ansibleEnvVars[" + i + "]", "is not NAME=VALUE: " + assignment,
                        "write it as NAME=VALUE, e.g. ANSIBLE_PIPELINING=True"));
            }
        }
        if (hostAlias.isBlank() || hostAlias.chars().anyMatch(Character::isWhitespace)) {
            problems.add(new Problem("hostAlias", "is empty or holds white space: '" + hostAlias + "'",
                    "leave it unset for Packer's 'default', or use one word as the playbook's hosts: names it"));
        }
        checkGroups(problems, "groups", groups);
        checkGroups(problems, "emptyGroups", emptyGroups);
        groups.stream().filter(emptyGroups::contains).forEach(g -> problems.add(new Problem("emptyGroups",
                "also lists '" + g + "', which groups puts the machine in", "list the group in only one of them")));
        if (user != null && user.isBlank()) {
            problems.add(new Problem("user", "is empty", "leave it unset to log in as the build's SSH user"));
        }
        if (inventoryDirectory != null && !Files.isDirectory(inventoryDirectory)) {
            problems.add(new Problem("inventoryDirectory", "is not a directory: " + inventoryDirectory,
                    "create it, or leave it unset for a private temporary directory"));
        }
        if (keepInventoryFile && inventoryDirectory == null) {
            problems.add(new Problem("keepInventoryFile", "is set without inventoryDirectory, and the default "
                    + "inventory lives in a private directory removed with the step",
                    "set inventoryDirectory(...) to where the inventory should stay"));
        }
        return problems;
    }

    private static void checkCommand(List<Problem> problems, String field, String command, String program) {
        if (command.isBlank()) {
            problems.add(new Problem(field, "is empty", "leave it unset for " + program));
            return;
        }
        CommandCheck.run(command).failure().ifPresent(why -> problems.add(new Problem(field,
                "cannot run on this machine: " + why, String.format(INSTALL, field, program))));
    }

    private static void checkGroups(List<Problem> problems, String field, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (!NAME.matcher(names.get(i)).matches()) {
                problems.add(new Problem(field + "[" + i + "]", "is not a valid Ansible group name: '" + names.get(i)
                        + "'", "use letters, digits and underscores, not starting with a digit"));
            }
        }
    }

    /**
     * Adds the playbook's folder (the playbook and the roles, templates and files beside it), the galaxy file,
     * and the options that change what runs. Local paths, the command and the inventory's place are left out.
     */
    @Override
    public void fingerprint(Fingerprinter f) {
        f.putFile("playbookFolder", playbookFile.toAbsolutePath().getParent())
                .put("playbookFile", playbookFile.getFileName().toString());
        if (galaxyFile != null) {
            f.putFile("galaxyFile", galaxyFile);
        }
        for (int i = 0; i < extraArguments.size(); i++) {
            f.put("extraArguments[" + i + "]", extraArguments.get(i));
        }
        for (int i = 0; i < ansibleEnvVars.size(); i++) {
            f.put("ansibleEnvVars[" + i + "]", ansibleEnvVars.get(i));
        }
        f.put("groups", groups.toString()).put("emptyGroups", emptyGroups.toString()).put("hostAlias", hostAlias)
                .put("user", user).put("useSftp", Boolean.toString(useSftp));
    }

    /**
     * Runs the playbook against the machine behind {@code communicator}, which must be Kiln's
     * {@link SshCommunicator}.
     *
     * @throws ProvisionerException when the playbook or galaxy fails, or the machine is not reached over SSH
     * @throws InterruptedException when the build is cancelled; ansible-playbook and its children are gone
     */
    @Override
    public void provision(BuildContext context, Communicator communicator) throws Exception {
        if (!(communicator instanceof SshCommunicator ssh)) {
            throw new ProvisionerException("The ansible provisioner reaches the machine with OpenSSH and works only "
                    + "with Kiln's SSH communicator; this build's communicator is " + communicator.getClass().getName()
                    + ", which it cannot use yet (a local SSH adapter relaying to other communicators is the planned "
                    + "way). Provision this machine with Provisioners.shell() and Provisioners.file() meanwhile");
        }
        SshTarget target = ssh.target();
        boolean ownAgent = checkCredentials(target);
        String version = CommandCheck.run(command).version().orElseThrow(() -> new ProvisionerException(
                "Cannot run " + command + ": " + String.format(INSTALL, "command", "ansible-playbook")));
        context.say("Provisioning with Ansible (" + version + "): " + playbookFile);
        try (Workspace files = Workspace.create()) {
            Map<String, String> env = environment(files.dir());
            if (galaxyFile != null) {
                installRequirements(context, env);
            }
            SshOptions options = new SshOptions(files.dir().resolve("known_hosts"), null);
            if (ownAgent) {
                SshAgent agent = files.startAgent();
                for (SshTarget hop : SshOptions.hops(target)) {
                    Secret key = hop.privateKey().orElseThrow();
                    redact(context, key);
                    agent.add(key, hop.address());
                }
                options = new SshOptions(options.knownHostsFile(), agent.socket());
                env.put("SSH_AUTH_SOCK", agent.socket().toString());
                env.put("SSH_AGENT_PID", null);
            }
            files.writeKnownHosts(options.knownHostsLines(target, ssh.knownHostsLines()));
            Path inventory = files.writeInventory(inventoryDirectory, keepInventoryFile,
                    new Inventory(hostAlias, hostVars(target, options), groups, emptyGroups).json());
            runPlaybook(context, inventory, env);
        }
    }

    /** True when each hop logs in with a key of its own (Kiln's agent), false when all use the caller's agent. */
    private static boolean checkCredentials(SshTarget target) {
        List<SshTarget> hops = SshOptions.hops(target);
        for (SshTarget hop : hops) {
            if (hop.passphrase().isPresent()) {
                throw new ProvisionerException("The ansible provisioner cannot use the encrypted private key of "
                        + hop.address() + ": ssh-add would ask for its passphrase. Give the build the key unencrypted "
                        + "(it is never written to disk)");
            }
        }
        if (hops.stream().allMatch(hop -> hop.privateKey().isPresent())) {
            return true;
        }
        if (hops.stream().allMatch(hop -> hop.privateKey().isEmpty() && hop.useAgent())) {
            return false;
        }
        throw new ProvisionerException("The ansible provisioner logs in with a private key (or, for every hop, "
                + "the caller's SSH agent); " + hops.stream().filter(h -> h.privateKey().isEmpty())
                .map(SshTarget::address).toList() + " log in otherwise (a password). Give the build a private key");
    }

    /** Masks the key, and each of its lines, in everything the build shows. */
    private static void redact(BuildContext context, Secret key) {
        context.redact(key);
        key.reveal().lines().map(String::strip).filter(line -> line.length() >= 16 && !line.startsWith("-----"))
                .forEach(line -> context.redact(Secret.of(line)));
    }

    private Map<String, String> environment(Path privateDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ANSIBLE_NOCOLOR", "True");
        env.put("PYTHONUNBUFFERED", "1");
        env.put("ANSIBLE_LOCAL_TEMP", privateDir.resolve("tmp").toString());
        env.put("ANSIBLE_SSH_ARGS", "-o ControlMaster=no");
        env.put("ANSIBLE_PIPELINING", "True");
        if (rolesPath != null) {
            env.put("ANSIBLE_ROLES_PATH", rolesPath.toAbsolutePath().toString());
        }
        if (collectionsPath != null) {
            env.put("ANSIBLE_COLLECTIONS_PATH", collectionsPath.toAbsolutePath().toString());
        }
        ansibleEnvVars.forEach(assignment -> {
            int equals = assignment.indexOf('=');
            env.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        });
        return env;
    }

    private Map<String, Object> hostVars(SshTarget target, SshOptions options) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_connection", "ssh");
        vars.put("ansible_host", target.host());
        vars.put("ansible_port", target.port());
        vars.put("ansible_user", user != null ? user : target.user());
        vars.put("ansible_ssh_common_args", options.commonArguments(target));
        vars.put("ansible_ssh_transfer_method", useSftp ? "sftp" : "scp");
        return vars;
    }

    private void installRequirements(BuildContext context, Map<String, String> env)
            throws IOException, InterruptedException {
        context.say("Installing Ansible roles and collections from " + galaxyFile);
        for (List<String> install : GalaxyRequirements.read(galaxyFile).commands(galaxyCommand, galaxyFile,
                rolesPath, collectionsPath)) {
            PlaybookOutput output = new PlaybookOutput(context.output(), TAIL_LINES);
            int status = LocalCommand.run(install, env, output);
            if (status != 0) {
                throw new ProvisionerException("`" + String.join(" ", install) + "` failed with exit status " + status,
                        OptionalInt.of(status), output.tail());
            }
        }
    }

    private void runPlaybook(BuildContext context, Path inventory, Map<String, String> env)
            throws IOException, InterruptedException {
        Map<String, Object> extraVars = new LinkedHashMap<>();
        extraVars.put("kiln_build_name", context.sourceName());
        extraVars.put("kiln_builder_type", context.builderType());
        extraVars.put("packer_build_name", context.sourceName());
        extraVars.put("packer_builder_type", context.builderType());
        List<String> run = new ArrayList<>(List.of(command, "--extra-vars", GoJson.print(extraVars)));
        run.addAll(extraArguments);
        run.addAll(List.of("-i", inventory.toString(), playbookFile.toString()));
        PlaybookOutput output = new PlaybookOutput(context.output(), TAIL_LINES);
        int status = LocalCommand.run(run, env, output);
        if (status != 0) {
            throw new ProvisionerException("Ansible playbook " + playbookFile.getFileName()
                    + " failed with exit status " + status
                    + output.failedTask().map(task -> " in task '" + task + "'").orElse("") + "\nPlaybook: " + playbookFile,
                    OptionalInt.of(status), output.tail());
        }
    }

    @Override
    public String toString() {
        // extra arguments and environment values often carry passwords (-e db_password=...): counted and named only
        return "AnsibleProvisioner{playbookFile=" + playbookFile + ", command=" + command + ", extraArguments="
                + extraArguments.size() + " arguments, ansibleEnvVars="
                + ansibleEnvVars.stream().map(v -> v.substring(0, Math.max(0, v.indexOf('=')))).toList()
                + ", groups=" + groups + ", emptyGroups="
                + emptyGroups + ", hostAlias=" + hostAlias + ", user=" + user + ", galaxyFile=" + galaxyFile
                + ", galaxyCommand=" + galaxyCommand + ", rolesPath=" + rolesPath + ", collectionsPath="
                + collectionsPath + ", inventoryDirectory=" + inventoryDirectory + ", keepInventoryFile="
                + keepInventoryFile + ", useSftp=" + useSftp + "}";
    }

    /** Collects an Ansible provisioner's configuration; the option names are Packer's, in camel case. */
    public static final class Builder implements Buildable<AnsibleProvisioner> {
        private Path playbookFile;
        private String command = "ansible-playbook";
        private final List<String> extraArguments = new ArrayList<>();
        private final List<String> ansibleEnvVars = new ArrayList<>();
        private final List<String> groups = new ArrayList<>();
        private final List<String> emptyGroups = new ArrayList<>();
        private String hostAlias = "default";
        private String user;
        private Path galaxyFile;
        private String galaxyCommand = "ansible-galaxy";
        private Path rolesPath;
        private Path collectionsPath;
        private Path inventoryDirectory;
        private boolean keepInventoryFile;
        private boolean useSftp;

        private Builder() {
        }

        /** The playbook to run ({@code playbook_file}); required. */
        public Builder playbookFile(Path playbookFile) {
            this.playbookFile = Objects.requireNonNull(playbookFile, "playbookFile");
            return this;
        }

        /** The ansible-playbook program, a name on the PATH or a path ({@code command}); default ansible-playbook. */
        public Builder command(String command) {
            this.command = Objects.requireNonNull(command, "command");
            return this;
        }

        /** Adds arguments for ansible-playbook, passed as they are, with no shell ({@code extra_arguments}). */
        public Builder extraArguments(String... arguments) {
            return extraArguments(Arrays.asList(arguments));
        }

        /** Adds arguments for ansible-playbook, passed as they are, with no shell ({@code extra_arguments}). */
        public Builder extraArguments(List<String> arguments) {
            arguments.forEach(a -> extraArguments.add(Objects.requireNonNull(a, "extraArguments")));
            return this;
        }

        /**
         * Adds environment variables for ansible-playbook and ansible-galaxy as {@code NAME=VALUE}
         * ({@code ansible_env_vars}), e.g. {@code ANSIBLE_PIPELINING=True}; they override Kiln's own.
         */
        public Builder ansibleEnvVars(String... assignments) {
            Arrays.stream(assignments).forEach(a -> ansibleEnvVars.add(Objects.requireNonNull(a, "ansibleEnvVars")));
            return this;
        }

        /** Puts the machine in these inventory groups ({@code groups}). */
        public Builder groups(String... groups) {
            Arrays.stream(groups).forEach(g -> this.groups.add(Objects.requireNonNull(g, "groups")));
            return this;
        }

        /** Adds these groups to the inventory with no host in them ({@code empty_groups}). */
        public Builder emptyGroups(String... groups) {
            Arrays.stream(groups).forEach(g -> emptyGroups.add(Objects.requireNonNull(g, "emptyGroups")));
            return this;
        }

        /** The machine's name in the inventory ({@code host_alias}); default {@code default}. */
        public Builder hostAlias(String hostAlias) {
            this.hostAlias = Objects.requireNonNull(hostAlias, "hostAlias");
            return this;
        }

        /** The user Ansible logs in as ({@code user}); default the build's SSH user, with the build's key. */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /** A requirements file whose roles and collections ansible-galaxy installs first ({@code galaxy_file}). */
        public Builder galaxyFile(Path galaxyFile) {
            this.galaxyFile = Objects.requireNonNull(galaxyFile, "galaxyFile");
            return this;
        }

        /** The ansible-galaxy program ({@code galaxy_command}); default {@code ansible-galaxy}. */
        public Builder galaxyCommand(String galaxyCommand) {
            this.galaxyCommand = Objects.requireNonNull(galaxyCommand, "galaxyCommand");
            return this;
        }

        /**
         * Where galaxy installs roles ({@code roles_path}, its {@code --roles-path}), which the playbook then finds
         * them in ({@code ANSIBLE_ROLES_PATH}); default ansible-galaxy's own.
         */
        public Builder rolesPath(Path rolesPath) {
            this.rolesPath = Objects.requireNonNull(rolesPath, "rolesPath");
            return this;
        }

        /**
         * Where galaxy installs collections ({@code collections_path}, its {@code -p}), which the playbook then finds
         * them in ({@code ANSIBLE_COLLECTIONS_PATH}); default ansible-galaxy's own.
         */
        public Builder collectionsPath(Path collectionsPath) {
            this.collectionsPath = Objects.requireNonNull(collectionsPath, "collectionsPath");
            return this;
        }

        /** Where the inventory file is written ({@code inventory_directory}); default a private temporary directory. */
        public Builder inventoryDirectory(Path inventoryDirectory) {
            this.inventoryDirectory = Objects.requireNonNull(inventoryDirectory, "inventoryDirectory");
            return this;
        }

        /** Leaves the inventory file in the inventory directory after the run ({@code keep_inventory_file}). */
        public Builder keepInventoryFile(boolean keep) {
            keepInventoryFile = keep;
            return this;
        }

        /** Moves files with sftp rather than scp ({@code use_sftp}); default false, as in Packer. */
        public Builder useSftp(boolean useSftp) {
            this.useSftp = useSftp;
            return this;
        }

        /** The provisioner; the spec's validation checks it. */
        @Override
        public AnsibleProvisioner build() {
            return new AnsibleProvisioner(this);
        }
    }
}
