package dev.kiln.docker;

import dev.kiln.core.spec.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Every problem with a {@link Docker} configuration, found without calling the daemon. */
final class DockerValidation {
    private final Docker c;
    private final List<Problem> problems = new ArrayList<>();

    DockerValidation(Docker config) {
        this.c = config;
    }

    List<Problem> problems() {
        if (c.name() == null || c.name().isBlank()) {
            problems.add(new Problem("name", "is empty", "leave it unset for \"docker\" or name the source"));
        }
        if (c.host().problem() != null) {
            problems.add(new Problem("host", c.host().problem(),
                    "set DOCKER_HOST=unix:///var/run/docker.sock or host(DockerHost.unixSocket(path))"));
        }
        base();
        outcome();
        changes();
        if (c.runCommand().isEmpty() || c.runCommand().get(0).isBlank()) {
            problems.add(new Problem("runCommand", "is empty", "leave it unset for /bin/sh, or name a program"));
        }
        c.volumes().forEach((hostPath, containerPath) -> {
            if (!hostPath.startsWith("/") || !containerPath.startsWith("/")) {
                problems.add(new Problem("volumes[" + hostPath + "]", "maps " + hostPath + " to " + containerPath
                        + ", which is not a pair of absolute paths", "give both paths from /, e.g. volume(\"/srv/cache\", \"/cache\")"));
            }
        });
        for (String cap : c.capAdd()) {
            if (cap == null || cap.isBlank() || !cap.matches("[A-Za-z_]+")) {
                problems.add(new Problem("capAdd", "holds " + cap + ", which is not a capability name",
                        "name capabilities as docker run --cap-add does, e.g. NET_ADMIN"));
            }
        }
        if (c.execUser() == null) {
            problems.add(new Problem("execUser", "is null", "leave it unset for the image's user, or name one"));
        }
        if (c.networkMode() == null || c.networkMode().isBlank()) {
            problems.add(new Problem("networkMode", "is empty", "leave it unset for none, or name a network"));
        }
        login();
        return problems;
    }

    private void base() {
        boolean hasImage = c.image() != null && !c.image().isBlank();
        if (hasImage == (c.imageFromImage() != null)) {
            problems.add(new Problem("image", hasImage ? "is set together with imageFromImage" : "is empty",
                    hasImage ? "keep one of image and imageFromImage" : "name the base image, e.g. image(\"debian:bookworm\")"));
        }
    }

    private void outcome() {
        int outcomes = (c.commit() ? 1 : 0) + (c.exportPath() != null ? 1 : 0) + (c.discard() ? 1 : 0);
        if (outcomes != 1) {
            problems.add(new Problem("commit", outcomes == 0 ? "commit, exportPath and discard are all unset"
                    : "more than one of commit, exportPath and discard is set",
                    "choose one: commit(true), exportPath(Path.of(\"image.tar\")) or discard(true)"));
        }
        Path export = c.exportPath();
        if (export != null) {
            Path parent = export.toAbsolutePath().getParent();
            if (Files.isDirectory(export)) {
                problems.add(new Problem("exportPath", "is a directory: " + export, "name a file, e.g. image.tar"));
            } else if (parent != null && !Files.isDirectory(parent)) {
                problems.add(new Problem("exportPath", "is in " + parent + ", which is not a directory",
                        "create the directory first or name a file in an existing one"));
            }
        }
        if (c.skipIfExists() && !c.commit()) {
            problems.add(new Problem("skipIfExists", "is set but the container is not committed",
                    "set commit(true); an export or a discarded container leaves no image to find"));
        }
    }

    private void changes() {
        for (String change : c.changes()) {
            String instruction = change == null ? "" : change.trim().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            if (!Docker.CHANGE_INSTRUCTIONS.contains(instruction) || change.trim().split("\\s+", 2).length < 2) {
                problems.add(new Problem("changes", "holds \"" + change + "\", which is not one of "
                        + new TreeSet<>(Docker.CHANGE_INSTRUCTIONS) + " with an argument",
                        "write a Dockerfile instruction, e.g. CMD [\"/bin/app\"] or ENV PORT=8080"));
            }
        }
        if (!c.changes().isEmpty() && !c.commit()) {
            problems.add(new Problem("changes", "are set but the container is not committed",
                    "set commit(true), or leave changes out"));
        }
    }

    private void login() {
        RegistryLogin login = c.login();
        if (login == null) {
            return;
        }
        if (login.server().isBlank()) {
            problems.add(new Problem("login.server", "is empty", "name the registry, e.g. registry.example.com"));
        }
        if (login.username().isBlank()) {
            problems.add(new Problem("login.username", "is empty", "give the registry user name"));
        }
        if (login.password().isEmpty()) {
            problems.add(new Problem("login.password", "is empty", "give the password as Secret.of(...)"));
        }
        if (!c.pull()) {
            problems.add(new Problem("login", "is set but pull is off", "set pull(true) or leave login out"));
        }
    }
}
