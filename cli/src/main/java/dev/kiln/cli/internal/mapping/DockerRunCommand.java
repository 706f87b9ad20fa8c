package dev.kiln.cli.internal.mapping;

import dev.kiln.cli.internal.template.OptionReader;
import dev.kiln.docker.Docker;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Packer's docker {@code run_command}, the arguments Packer gives {@code docker run} (default
 * {@code -d -i -t --entrypoint=/bin/sh -- {{.Image}}}), read into what {@link Docker.Builder} takes: the
 * entrypoint and the arguments after the image as its run command, and {@code --network}, {@code --privileged},
 * {@code --cap-add} and {@code --volume}. {@code -d}, {@code -i} and {@code -t} are accepted as they are what Kiln
 * always does; any other flag is a problem naming it.
 *
 * <pre>{@code
 * DockerRunCommand.apply(List.of("-d", "-i", "-t", "--network", "none", "--entrypoint=/bin/sh", "--", "busybox"),
 *         "busybox", reader, docker);
 * }</pre>
 */
final class DockerRunCommand {
    /** Packer's placeholder for the {@code image} option, kept as it is through the builder's interpolation. */
    static final String IMAGE = "{{.Image}}";
    /** What Kiln runs without a run_command: the entrypoint Packer's default sets, on docker's default network. */
    static final String DEFAULT_NETWORK = "default";

    private static final String OPTION = "run_command";
    private static final String SUPPORTED = "-d, -i, -t, --entrypoint, --network (--net), --privileged, --cap-add, "
            + "-v (--volume), then -- {{.Image}} and the command's arguments";

    private DockerRunCommand() {
    }

    /**
     * Sets the run command and container settings {@code args} name on {@code b}; problems go to {@code o}. Nothing
     * is read without an {@code image}.
     */
    static void apply(List<String> args, String image, OptionReader o, Docker.Builder b) {
        if (image == null) {
            return; // the missing image is a problem of its own
        }
        String entrypoint = null;
        boolean imageSeen = false;
        List<String> command = new ArrayList<>();
        Iterator<String> words = args.stream().map(a -> a.replace(IMAGE, image)).iterator();
        while (words.hasNext()) {
            String word = words.next();
            if (imageSeen) {
                command.add(word);
                continue;
            }
            String flag = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            String inline = word.contains("=") ? word.substring(word.indexOf('=') + 1) : null;
            switch (flag) {
                case "--" -> {
                    imageSeen = words.hasNext() && image(words.next(), image, o);
                    if (!imageSeen) {
                        return;
                    }
                }
                case "-d", "-i", "-t", "-it", "-ti", "-di", "-id", "-dt", "-td", "-dit", "-dti", "-idt", "-itd",
                        "-tdi", "-tid", "--detach", "--interactive", "--tty" -> {
                    // Kiln's container always runs detached, with stdin open and a terminal
                }
                case "--entrypoint" -> entrypoint = value(flag, inline, words, o);
                case "--network", "--net" -> {
                    String network = value(flag, inline, words, o);
                    if (network != null) {
                        b.networkMode(network);
                    }
                }
                case "--privileged" -> b.privileged(inline == null || Boolean.parseBoolean(inline));
                case "--cap-add" -> {
                    String cap = value(flag, inline, words, o);
                    if (cap != null) {
                        b.capAdd(cap);
                    }
                }
                case "-v", "--volume" -> volume(value(flag, inline, words, o), o, b);
                default -> {
                    if (word.startsWith("-")) {
                        o.problem(OPTION, "holds '" + word + "', a docker run option Kiln does not support",
                                "remove it, or build this image with Packer; supported: " + SUPPORTED);
                        return;
                    }
                    imageSeen = image(word, image, o);
                    if (!imageSeen) {
                        return;
                    }
                }
            }
        }
        if (!imageSeen) {
            o.problem(OPTION, "names no image", "end it with \"--\", \"" + IMAGE + "\" and the command's arguments, "
                    + "as Packer's default [\"-d\", \"-i\", \"-t\", \"--entrypoint=/bin/sh\", \"--\", \"" + IMAGE + "\"]");
        } else if (entrypoint == null) {
            o.problem(OPTION, "sets no --entrypoint, so the container would run the image's own entrypoint, which "
                    + "Kiln does not read", "add \"--entrypoint=/bin/sh\" (Packer's default) or the program to run");
        } else {
            command.add(0, entrypoint);
            b.runCommand(command.toArray(String[]::new));
        }
    }

    private static boolean image(String word, String image, OptionReader o) {
        if (word.equals(image)) {
            return true;
        }
        o.problem(OPTION, "runs '" + word + "' where the image belongs", "write \"" + IMAGE
                + "\" there, the builder's image option");
        return false;
    }

    private static String value(String flag, String inline, Iterator<String> words, OptionReader o) {
        if (inline != null) {
            return inline;
        }
        if (words.hasNext()) {
            return words.next();
        }
        o.problem(OPTION, "ends with " + flag + " and no value", "give it a value, e.g. " + flag + "=VALUE");
        return null;
    }

    private static void volume(String spec, OptionReader o, Docker.Builder b) {
        if (spec == null) {
            return;
        }
        String[] parts = spec.split(":");
        if (parts.length != 2) {
            o.problem(OPTION, "mounts '" + spec + "', which is not HOST:CONTAINER",
                    "write -v /host/path:/container/path (Kiln mounts read-write), or use the volumes option");
            return;
        }
        b.volume(parts[0], parts[1]);
    }
}
