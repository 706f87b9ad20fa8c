package dev.kiln.core.provision;

import dev.kiln.core.Buildable;
import dev.kiln.core.Secret;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.Communicator;
import dev.kiln.core.comm.CommunicatorException;
import dev.kiln.core.comm.OutputSink;
import dev.kiln.core.comm.TransferListener;
import dev.kiln.core.provision.internal.ExecuteCommand;
import dev.kiln.core.provision.internal.OutputTail;
import dev.kiln.core.provision.internal.ShellQuote;
import dev.kiln.core.provision.internal.StartRetry;
import dev.kiln.core.spec.Fingerprinter;
import dev.kiln.core.spec.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs shell commands on the machine, as Packer's {@code shell} provisioner does: inline lines, one script or
 * several local scripts. Each is uploaded to the remote folder and run with the execute command, the
 * environment variables set as single-quoted assignments so their values arrive exactly as given.
 *
 * <pre>{@code
 * ShellProvisioner install = Provisioners.shell()
 *     .inline("apt-get update", "apt-get install -y nginx")
 *     .env("SITE", "example.org")
 *     .env("DB_PASSWORD", Secret.of(password))
 *     .build();
 * }</pre>
 *
 * <p>Scripts also see {@code KILN_BUILD_NAME} and {@code KILN_BUILDER_TYPE} (and, for scripts written for
 * Packer, {@code PACKER_BUILD_NAME} and {@code PACKER_BUILDER_TYPE}). A script that exits with a status not in
 * the valid exit codes fails with a {@link ProvisionerException} whose message is {@code Script exited with
 * non-zero exit status: N. Allowed exit codes are: [0]}, the script's name and its last {@value #TAIL_LINES}
 * output lines, and which carries the status ({@link ProvisionerException#exitStatus()}) and those lines
 * ({@link ProvisionerException#outputTail()}).
 */
public final class ShellProvisioner implements Provisioner {
    /** How many of a failed script's last output lines its error shows. */
    public static final int TAIL_LINES = 20;

    private final List<String> inline;
    private final List<Path> scripts;
    private final Map<String, String> env;
    private final Map<String, Secret> secretEnv;
    private final String executeCommand;
    private final String inlineShebang;
    private final String remoteFolder;
    private final List<Integer> validExitCodes;
    private final boolean expectDisconnect;
    private final Duration startRetryTimeout;
    private final boolean skipClean;

    private ShellProvisioner(Builder b) {
        inline = List.copyOf(b.inline);
        scripts = List.copyOf(b.scripts);
        env = Map.copyOf(b.env);
        secretEnv = Map.copyOf(b.secretEnv);
        executeCommand = b.executeCommand;
        inlineShebang = b.inlineShebang;
        remoteFolder = b.remoteFolder;
        validExitCodes = List.copyOf(b.validExitCodes);
        expectDisconnect = b.expectDisconnect;
        startRetryTimeout = b.startRetryTimeout;
        skipClean = b.skipClean;
    }

    /** Starts an empty shell provisioner; {@link Provisioners#shell()} does the same. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.inline.addAll(inline);
        b.scripts.addAll(scripts);
        b.env.putAll(env);
        b.secretEnv.putAll(secretEnv);
        b.executeCommand = executeCommand;
        b.inlineShebang = inlineShebang;
        b.remoteFolder = remoteFolder;
        b.validExitCodes = validExitCodes;
        b.expectDisconnect = expectDisconnect;
        b.startRetryTimeout = startRetryTimeout;
        b.skipClean = skipClean;
        return b;
    }

    @Override
    public String type() {
        return "shell";
    }

    /** The inline lines; empty when the provisioner runs scripts. */
    public List<String> inline() {
        return inline;
    }

    /** The local scripts; empty when the provisioner runs inline lines. */
    public List<Path> scripts() {
        return scripts;
    }

    @Override
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        if (inline.isEmpty() && scripts.isEmpty()) {
            problems.add(new Problem("inline", "no inline lines or scripts are set",
                    "set inline(...), script(path) or scripts(paths...)"));
        }
        if (!inline.isEmpty() && !scripts.isEmpty()) {
            problems.add(new Problem("inline", "is set together with scripts",
                    "use either inline lines or scripts, in two provisioners if you need both"));
        }
        for (int i = 0; i < scripts.size(); i++) {
            Path script = scripts.get(i);
            if (!Files.isRegularFile(script) || !Files.isReadable(script)) {
                problems.add(new Problem("scripts[" + i + "]", "is not a readable file: " + script,
                        "point it at an existing local script"));
            }
        }
        for (String name : allEnvNames()) {
            if (!ShellQuote.isVariableName(name)) {
                problems.add(new Problem("env[" + name + "]", "is not a valid environment variable name",
                        "use letters, digits and underscores, not starting with a digit"));
            }
        }
        problems.addAll(new ExecuteCommand(executeCommand).validate("executeCommand"));
        if (inlineShebang.isBlank()) {
            problems.add(new Problem("inlineShebang", "is empty", "leave it unset for the default /bin/sh -e"));
        }
        if (remoteFolder.isBlank()) {
            problems.add(new Problem("remoteFolder", "is empty", "leave it unset for the default /tmp"));
        }
        if (validExitCodes.isEmpty()) {
            problems.add(new Problem("validExitCodes", "is empty", "allow at least one status, e.g. 0"));
        }
        if (startRetryTimeout.isNegative()) {
            problems.add(new Problem("startRetryTimeout", "is negative", "use a positive duration, e.g. 5m"));
        }
        return problems;
    }

    @Override
    public void fingerprint(Fingerprinter f) {
        for (int i = 0; i < inline.size(); i++) {
            f.put("inline[" + i + "]", inline.get(i));
        }
        for (int i = 0; i < scripts.size(); i++) {
            f.putFile("scripts[" + i + "]", scripts.get(i));
        }
        new TreeMap<>(env).forEach((name, value) -> f.put("env." + name, value));
        new TreeMap<>(secretEnv).keySet().forEach(name -> f.put("secretEnv", name));
        f.put("executeCommand", executeCommand)
                .put("inlineShebang", inline.isEmpty() ? null : inlineShebang)
                .put("remoteFolder", remoteFolder)
                .put("validExitCodes", validExitCodes.toString())
                .put("expectDisconnect", Boolean.toString(expectDisconnect));
    }

    @Override
    public void provision(BuildContext context, Communicator communicator) throws Exception {
        secretEnv.values().forEach(context::redact);
        String vars = assignments(context);
        if (!inline.isEmpty()) {
            run(context, communicator, "inline script", inlineScript(), vars);
        }
        for (Path script : scripts) {
            run(context, communicator, script.toString(), read(script), vars);
        }
    }

    private void run(BuildContext context, Communicator communicator, String name, byte[] content, String vars)
            throws InterruptedException {
        context.say("Provisioning with shell script: " + name);
        String remotePath = remoteFolder.replaceAll("/+$", "") + "/script_" + UUID.randomUUID() + ".sh";
        Command command = Command.of(new ExecuteCommand(executeCommand).render(remotePath, vars));
        OutputTail tail = new OutputTail(TAIL_LINES);
        OutputSink output = (stream, line) -> {
            context.output().line(stream, line);
            tail.line(stream, line);
        };
        CommandResult result = new StartRetry(startRetryTimeout, "start " + name).run(context, () -> {
            communicator.upload(new ByteArrayInputStream(content), remotePath, 0755, TransferListener.NONE);
            return communicator.execute(command, output);
        });
        check(context, name, result, tail);
        if (!skipClean) {
            removeScript(context, communicator, remotePath);
        }
    }

    private void check(BuildContext context, String name, CommandResult result, OutputTail tail) {
        if (result.connectionLost()) {
            if (expectDisconnect) {
                context.detail("The script disconnected, as expected");
                return;
            }
            throw new ProvisionerException("Script disconnected unexpectedly. If it restarts the machine, set "
                    + "expectDisconnect(true) on the shell provisioner.\nScript: " + name, OptionalInt.empty(),
                    tail.lines());
        }
        if (!validExitCodes.contains(result.exitStatus())) {
            throw new ProvisionerException("Script exited with non-zero exit status: " + result.exitStatus()
                    + ". Allowed exit codes are: " + allowedCodes() + "\nScript: " + name,
                    OptionalInt.of(result.exitStatus()), tail.lines());
        }
    }

    private void removeScript(BuildContext context, Communicator communicator, String remotePath)
            throws InterruptedException {
        Command remove = Command.of("rm -f " + ShellQuote.quote(remotePath));
        CommandResult removed = new StartRetry(startRetryTimeout, "remove " + remotePath).run(context, () -> {
            CommandResult r = communicator.execute(remove, OutputSink.DISCARD);
            if (r.connectionLost()) {
                throw new CommunicatorException("the connection was lost");
            }
            return r;
        });
        if (!removed.succeeded()) {
            throw new ProvisionerException("Could not remove the temporary script " + remotePath
                    + ": rm exited with status " + removed.exitStatus(), OptionalInt.of(removed.exitStatus()),
                    List.of());
        }
    }

    /** Packer prints the codes as Go prints a slice: {@code [0 2]}. */
    private String allowedCodes() {
        return validExitCodes.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
    }

    private String assignments(BuildContext context) {
        Map<String, String> all = new TreeMap<>();
        all.put("KILN_BUILD_NAME", context.sourceName());
        all.put("KILN_BUILDER_TYPE", context.builderType());
        all.put("PACKER_BUILD_NAME", context.sourceName());
        all.put("PACKER_BUILDER_TYPE", context.builderType());
        all.putAll(env);
        secretEnv.forEach((name, secret) -> all.put(name, secret.reveal()));
        StringJoiner out = new StringJoiner(" ");
        all.forEach((name, value) -> out.add(name + "=" + ShellQuote.quote(value)));
        return out.toString();
    }

    private byte[] inlineScript() {
        StringBuilder out = new StringBuilder("#!").append(inlineShebang).append('\n');
        inline.forEach(line -> out.append(line).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(Path script) {
        try {
            return Files.readAllBytes(script);
        } catch (IOException e) {
            throw new ProvisionerException("Cannot read the script " + script, e);
        }
    }

    private List<String> allEnvNames() {
        List<String> names = new ArrayList<>(env.keySet());
        names.addAll(secretEnv.keySet());
        return names;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(env);
        secretEnv.keySet().forEach(name -> shown.put(name, "<sensitive>"));
        return "ShellProvisioner{" + (inline.isEmpty() ? "scripts=" + scripts : "inline=" + inline)
                + ", env=" + shown + ", executeCommand=" + executeCommand + ", remoteFolder=" + remoteFolder
                + ", validExitCodes=" + validExitCodes + ", expectDisconnect=" + expectDisconnect
                + ", startRetryTimeout=" + startRetryTimeout + ", skipClean=" + skipClean + "}";
    }

    /** Collects a shell provisioner's configuration. */
    public static final class Builder implements Buildable<ShellProvisioner> {
        private final List<String> inline = new ArrayList<>();
        private final List<Path> scripts = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, Secret> secretEnv = new LinkedHashMap<>();
        private String executeCommand = ExecuteCommand.DEFAULT;
        private String inlineShebang = "/bin/sh -e";
        private String remoteFolder = "/tmp";
        private List<Integer> validExitCodes = List.of(0);
        private boolean expectDisconnect;
        private Duration startRetryTimeout = Duration.ofMinutes(5);
        private boolean skipClean;

        private Builder() {
        }

        /** Runs these lines as one script, after the ones added before. */
        public Builder inline(String... lines) {
            return inline(Arrays.asList(lines));
        }

        /** Runs these lines as one script, after the ones added before. */
        public Builder inline(List<String> lines) {
            lines.forEach(line -> inline.add(Objects.requireNonNull(line, "inline line")));
            return this;
        }

        /** Runs one local script, read when the build runs; replaces scripts set before. */
        public Builder script(Path script) {
            return scripts(List.of(script));
        }

        /** Runs these local scripts in order; replaces scripts set before. */
        public Builder scripts(Path... scripts) {
            return scripts(Arrays.asList(scripts));
        }

        /** Runs these local scripts in order; replaces scripts set before. */
        public Builder scripts(List<Path> scripts) {
            this.scripts.clear();
            scripts.forEach(s -> this.scripts.add(Objects.requireNonNull(s, "script")));
            return this;
        }

        /** Sets an environment variable for the scripts; its value is part of the fingerprint. */
        public Builder env(String name, String value) {
            secretEnv.remove(name);
            env.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets a secret environment variable; its value is masked everywhere and kept out of the fingerprint. */
        public Builder env(String name, Secret value) {
            env.remove(name);
            secretEnv.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The command that runs each script, with {@code {{.Path}}} and {@code {{.Vars}}}. */
        public Builder executeCommand(String template) {
            executeCommand = Objects.requireNonNull(template, "executeCommand");
            return this;
        }

        /** The interpreter line of inline scripts, without {@code #!}; default {@code /bin/sh -e}. */
        public Builder inlineShebang(String shebang) {
            inlineShebang = Objects.requireNonNull(shebang, "inlineShebang");
            return this;
        }

        /** Where scripts are uploaded; default {@code /tmp}. */
        public Builder remoteFolder(String folder) {
            remoteFolder = Objects.requireNonNull(folder, "remoteFolder");
            return this;
        }

        /** The exit statuses that count as success; default {@code [0]}. */
        public Builder validExitCodes(Integer... codes) {
            validExitCodes = List.of(codes);
            return this;
        }

        /** Accepts a lost connection as the end of a script, e.g. one that reboots the machine. */
        public Builder expectDisconnect(boolean expect) {
            expectDisconnect = expect;
            return this;
        }

        /** How long to keep trying to upload and start a script while the machine can't be reached; default 5m. */
        public Builder startRetryTimeout(Duration timeout) {
            startRetryTimeout = Objects.requireNonNull(timeout, "startRetryTimeout");
            return this;
        }

        /** Leaves the uploaded scripts on the machine instead of removing them. */
        public Builder skipClean(boolean skip) {
            skipClean = skip;
            return this;
        }

        /** The provisioner; the spec's validation checks it. */
        @Override
        public ShellProvisioner build() {
            return new ShellProvisioner(this);
        }
    }
}
