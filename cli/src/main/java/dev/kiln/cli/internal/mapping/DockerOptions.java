package dev.kiln.cli.internal.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kiln.cli.internal.template.OptionReader;
import dev.kiln.core.Secret;
import dev.kiln.core.spec.Problem;
import dev.kiln.docker.Docker;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Packer's {@code docker} builder options, by their Packer names, onto {@link Docker.Builder}: {@code image},
 * {@code pull} (default true), {@code commit} / {@code discard} / {@code export_path} (exactly one),
 * {@code changes}, {@code run_command} (see {@link DockerRunCommand}), {@code volumes}, {@code privileged},
 * {@code cap_add}, {@code exec_user}, {@code author}, {@code message} and {@code login} with
 * {@code login_server}, {@code login_username} and {@code login_password} (a {@link Secret}). Packer's own checks
 * are made in Packer's words; options Kiln lacks ({@code cap_drop}, {@code tmpfs}, {@code device},
 * {@code container_dir}, {@code fix_upload_owner}, {@code ecr_login}...) are problems naming them.
 *
 * <pre>{@code
 * Docker docker = DockerOptions.map("docker", reader, mapping, "builder 'docker'", problems);
 * }</pre>
 */
public final class DockerOptions {
    /** Kiln's field names, as its validation reports them, and the Packer options they come from. */
    static final Map<String, String> PACKER_NAMES = Map.of("runCommand", "run_command", "capAdd", "cap_add",
            "execUser", "exec_user", "exportPath", "export_path", "networkMode", "run_command");

    private static final String SUPPORTED = String.join(", ", List.of("image", "pull", "commit", "discard",
            "export_path", "changes", "run_command", "volumes", "privileged", "cap_add", "exec_user", "author",
            "message", "login", "login_server", "login_username", "login_password", "communicator (docker)",
            "ecr_login (false)", "windows_container (false)"));

    private DockerOptions() {
    }

    /**
     * The docker source for build {@code name}; problems go to {@code problems}, named under the reader's label.
     */
    public static Docker map(String name, OptionReader o, MappingContext mapping, String label,
            List<Problem> problems) {
        Docker.Builder b = Docker.builder().name(name).networkMode(DockerRunCommand.DEFAULT_NETWORK);
        AtomicReference<String> image = new AtomicReference<>();
        o.string("image", image::set);
        b.image(image.get());
        o.bool("pull", b::pull);
        AtomicBoolean commit = new AtomicBoolean();
        AtomicBoolean discard = new AtomicBoolean();
        AtomicReference<String> exportPath = new AtomicReference<>();
        o.bool("commit", commit::set);
        o.bool("discard", discard::set);
        o.string("export_path", exportPath::set);
        b.commit(commit.get()).discard(discard.get());
        if (exportPath.get() != null) {
            b.exportPath(mapping.resolve(exportPath.get()));
        }
        List<String> changes = new ArrayList<>();
        o.stringList("changes", changes::addAll);
        o.stringList("run_command", args -> DockerRunCommand.apply(args, image.get(), o, b));
        if (commit.get()) {
            b.changes(runCommandKept(b.build().runCommand()));
        }
        b.changes(changes.toArray(String[]::new));
        o.stringMap("volumes", volumes -> volumes.forEach(b::volume));
        o.bool("privileged", b::privileged);
        o.stringList("cap_add", caps -> b.capAdd(caps.toArray(String[]::new)));
        o.string("exec_user", b::execUser);
        o.string("author", b::author);
        o.string("message", b::message);
        RegistryLoginOptions.read(o).ifPresent(b::login);
        refuseUnlessDefault(o);
        o.reportUnread("docker", SUPPORTED);

        List<String> badChanges = packerChecks(o, image.get(), commit.get(), discard.get(), exportPath.get(), mapping,
                changes);
        Docker docker = b.build();
        for (Problem p : docker.validate()) {
            if (!checkedAsPacker(p, badChanges)) {
                Problem renamed = new Problem(p.field().replace("login.", "login_"), p.problem(), p.fix());
                problems.add(PackerNames.rename(renamed, label, PACKER_NAMES));
            }
        }
        return docker;
    }

    /**
     * Packer commits the container it ran with {@code run_command}'s entrypoint and arguments, so they become the
     * image's {@code ENTRYPOINT} and {@code CMD} (as Packer's documentation says); a template's own changes, after
     * them, override them. Kiln's docker builder would give the image its base image's instead.
     */
    private static String[] runCommandKept(List<String> runCommand) {
        if (runCommand.isEmpty()) {
            return new String[0]; // an empty run command is a problem of its own
        }
        ArrayNode cmd = JsonNodeFactory.instance.arrayNode();
        runCommand.subList(1, runCommand.size()).forEach(cmd::add);
        return new String[] {"ENTRYPOINT " + JsonNodeFactory.instance.arrayNode().add(runCommand.get(0)), "CMD " + cmd};
    }

    /** Options Packer has that Kiln takes only at their default value. */
    private static void refuseUnlessDefault(OptionReader o) {
        o.string("communicator", value -> {
            if (!value.equals("docker")) {
                o.problem("communicator", "is '" + value + "', which Kiln does not support for docker",
                        "use \"docker\" (the default): Kiln runs commands through the Docker Engine API");
            }
        });
        o.bool("ecr_login", ecr -> {
            if (ecr) {
                o.problem("ecr_login", "is true, but Kiln has no Amazon ECR login",
                        "log in with login, login_server, login_username and login_password, or build with Packer");
            }
        });
        o.bool("windows_container", windows -> {
            if (windows) {
                o.problem("windows_container", "is true, but Kiln builds Linux containers only",
                        "build Windows containers with Packer");
            }
        });
    }

    /**
     * The checks Packer's docker builder makes when it is prepared, with its messages, and the daemon's refusal of
     * a change it can't apply (which Packer meets only when it commits).
     *
     * @return the changes refused
     */
    private static List<String> packerChecks(OptionReader o, String image, boolean commit, boolean discard, String exportPath,
            MappingContext mapping, List<String> changes) {
        if (image == null) {
            o.problem("image", "Image must be specified", "name the base image, e.g. \"image\": \"debian:bookworm\"");
        }
        boolean export = exportPath != null;
        if ((export && commit) || (export && discard) || (commit && discard)) {
            o.problem("commit", "Cannot specify more than one of commit, discard, and export_path",
                    "keep one: \"commit\": true, \"discard\": true or \"export_path\": \"image.tar\"");
        }
        if (!export && !commit && !discard) {
            o.problem("commit", "No instructions given for handling the artifact; expected commit, discard, or "
                    + "export_path", "add \"commit\": true, \"discard\": true or \"export_path\": \"image.tar\"");
        }
        if (export && Files.isDirectory(mapping.resolve(exportPath))) {
            o.problem("export_path", "export_path must be a file, not a directory", "name a file, e.g. image.tar");
        }
        List<String> refused = new ArrayList<>();
        for (String change : changes) {
            String instruction = change.strip().split("\\s+", 2)[0];
            if (!Docker.CHANGE_INSTRUCTIONS.contains(instruction.toUpperCase(Locale.ROOT))) {
                // the Docker daemon's words, which Packer prints when its commit fails
                o.problem("changes", "'" + change + "': " + instruction.toLowerCase(Locale.ROOT)
                        + " is not a valid change command", "use one of "
                        + String.join(", ", new TreeSet<>(Docker.CHANGE_INSTRUCTIONS)));
                refused.add(change);
            }
        }
        return refused;
    }

    /** True for a problem of Kiln's own validation that {@link #packerChecks} already reported in Packer's words. */
    private static boolean checkedAsPacker(Problem p, List<String> refusedChanges) {
        return p.field().equals("image") || p.field().equals("commit")
                || (p.field().equals("exportPath") && p.problem().startsWith("is a directory"))
                || (p.field().equals("changes")
                        && refusedChanges.stream().anyMatch(c -> p.problem().startsWith("holds \"" + c + "\"")));
    }
}
