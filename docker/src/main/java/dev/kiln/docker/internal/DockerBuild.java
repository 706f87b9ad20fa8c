package dev.kiln.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.builder.Cleanup;
import dev.kiln.core.builder.Machine;
import dev.kiln.core.builder.Resource;
import dev.kiln.docker.Docker;
import dev.kiln.docker.DockerCommunicator;
import dev.kiln.docker.DockerException;
import dev.kiln.docker.DockerImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the docker steps of one build in Packer's order: pull the base image, run the container (named and
 * labelled before it exists, so that its removal, registered first, finds it even when a cancel cut the create
 * call off), hand it to the provisioners, then commit (and tag), export or discard it.
 */
public final class DockerBuild {
    private final Docker config;
    private final BuildContext context;
    private final Engine engine;

    /** One build of {@code config}. */
    public DockerBuild(Docker config, BuildContext context) {
        this.config = config;
        this.context = context;
        this.engine = new Engine(config.host().socket());
    }

    /** The newest tagged image labelled with this build's fingerprint. */
    public Optional<Artifact> findExisting() throws Exception {
        return context.step("find existing image", () -> {
            String filters = KilnLabels.filter(Map.of(KilnLabels.FINGERPRINT, context.fingerprint()),
                    Map.of("dangling", "false"));
            JsonNode images = engine.json("list of images", "GET", "/images/json?filters=" + filters, null);
            JsonNode newest = null;
            for (JsonNode image : images) {
                if (newest == null || image.path("Created").asLong() > newest.path("Created").asLong()) {
                    newest = image;
                }
            }
            if (newest == null) {
                return Optional.empty();
            }
            context.say("Found image " + newest.get("Id").asText() + " with fingerprint " + context.fingerprint());
            return Optional.of((Artifact) DockerImage.committed(newest.get("Id").asText(), tags(newest)));
        });
    }

    /** Pulls the base image, runs the container and connects to it. */
    public Machine launch() throws Exception {
        if (config.login() != null) {
            context.redact(config.login().password());
        }
        String base = baseImage();
        if (config.pull() && config.imageFromImage() == null) {
            context.step("pull", () -> {
                pull(base);
                return null;
            });
        }
        String container = context.step("run container", () -> run(base));
        return new Machine(container, config.host().toString(), DockerCommunicator.of(config.host(), container,
                config.execUser()));
    }

    /** Commits, exports or discards the provisioned container. */
    public Artifact capture(Machine machine) throws Exception {
        String container = machine.id();
        if (config.commit()) {
            return context.step("commit", () -> commit(container));
        }
        if (config.exportPath() != null) {
            return context.step("export", () -> export(container));
        }
        context.say("Discarding the container");
        return DockerImage.discarded();
    }

    private String baseImage() {
        if (config.imageFromImage() == null) {
            return config.image();
        }
        Artifact upstream = context.upstream(config.imageFromImage()).orElseThrow(() -> new DockerException(0,
                "imageFromImage names " + config.imageFromImage() + ", which is not an upstream image of this pipeline",
                null));
        if (!(upstream instanceof DockerImage image) || image.imageId() == null) {
            throw new DockerException(0, "imageFromImage names " + config.imageFromImage() + ", whose artifact is "
                    + upstream.builderType() + " " + upstream.id() + ", not a committed docker image", null);
        }
        return image.imageId();
    }

    private void pull(String image) throws InterruptedException {
        context.say("Pulling Docker image: " + image);
        String query = "fromImage=" + Engine.q(image);
        int slash = image.lastIndexOf('/');
        if (!image.contains("@") && image.lastIndexOf(':') <= slash) {
            query += "&tag=latest";
        }
        engine.stream("pull of " + image, "POST", "/images/create?" + query, RegistryAuth.header(config.login()),
                message -> {
                    if (message.hasNonNull("status") && !message.has("progressDetail")) {
                        context.detail(message.get("status").asText()
                                + (message.hasNonNull("id") ? " " + message.get("id").asText() : ""));
                    }
                });
    }

    private String run(String image) throws InterruptedException {
        String name = "kiln-" + context.sessionId().substring(0, 8) + "-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicReference<String> id = new AtomicReference<>();
        AtomicReference<Cleanup> undo = new AtomicReference<>();
        undo.set(context.onCleanup("Removing the container", () -> remove(id.get() != null ? id.get() : name)));
        undo.get().track(new Resource("container", name, config.host().toString()));
        context.say("Starting docker container...");
        JsonNode created = engine.json("create of container " + name, "POST",
                "/containers/create?name=" + Engine.q(name), createBody(image));
        id.set(created.get("Id").asText());
        engine.json("start of container " + name, "POST", "/containers/" + id.get() + "/start", null);
        context.say("Container ID: " + id.get());
        return id.get();
    }

    private ObjectNode createBody(String image) {
        ObjectNode body = Engine.object();
        body.put("Image", image).put("Tty", true).put("OpenStdin", true).put("AttachStdin", false);
        ArrayNode entrypoint = body.putArray("Entrypoint");
        config.runCommand().forEach(entrypoint::add);
        body.putArray("Cmd");
        ObjectNode labels = body.putObject("Labels");
        KilnLabels.container(context).forEach(labels::put);
        ObjectNode hostConfig = body.putObject("HostConfig");
        hostConfig.put("NetworkMode", config.networkMode()).put("Privileged", config.privileged());
        ArrayNode caps = hostConfig.putArray("CapAdd");
        config.capAdd().forEach(caps::add);
        ArrayNode binds = hostConfig.putArray("Binds");
        config.volumes().forEach((hostPath, containerPath) -> binds.add(hostPath + ":" + containerPath));
        return body;
    }

    private void remove(String container) throws InterruptedException {
        try {
            engine.json("removal of container " + container, "DELETE", "/containers/" + Engine.q(container)
                    + "?force=true&v=true", null);
        } catch (DockerException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    private Artifact commit(String container) throws InterruptedException {
        context.say("Committing the container");
        AtomicReference<String> imageId = new AtomicReference<>();
        context.onFailure("Removing the committed image", () -> {
            if (imageId.get() != null) {
                removeImage(imageId.get());
                return;
            }
            // a commit cut off in flight: its image has this container's labels and no tag yet
            String filters = KilnLabels.filter(Map.of(KilnLabels.SESSION, context.sessionId(), KilnLabels.SOURCE,
                    context.sourceName()), Map.of("dangling", "true"));
            for (JsonNode image : engine.json("list of images", "GET", "/images/json?filters=" + filters, null)) {
                removeImage(image.get("Id").asText());
            }
        });
        String baseImage = engine.json("inspect of container " + container, "GET", "/containers/" + container + "/json",
                null).get("Image").asText();
        JsonNode baseConfig = engine.json("inspect of image " + baseImage, "GET", "/images/" + baseImage + "/json", null)
                .path("Config");
        ObjectNode body = Engine.object();
        ObjectNode labels = body.putObject("Labels");
        KilnLabels.image(context).forEach(labels::put);
        // An empty array, unlike null, keeps the daemon from taking the container's run command as the image's.
        body.set("Entrypoint", baseConfig.path("Entrypoint").isArray() ? baseConfig.get("Entrypoint") : Engine.JSON.createArrayNode());
        body.set("Cmd", baseConfig.path("Cmd").isArray() ? baseConfig.get("Cmd") : Engine.JSON.createArrayNode());
        StringBuilder query = new StringBuilder("container=").append(container).append("&pause=true");
        if (config.author() != null) {
            query.append("&author=").append(Engine.q(config.author()));
        }
        if (config.message() != null) {
            query.append("&comment=").append(Engine.q(config.message()));
        }
        for (String change : config.changes()) {
            query.append("&changes=").append(Engine.q(change));
        }
        imageId.set(engine.json("commit of container " + container, "POST", "/commit?" + query, body).get("Id").asText());
        context.say("Image ID: " + imageId.get());
        String repository = "kiln/" + repositoryName(context.imageName());
        String tag = context.fingerprint().substring(0, 12);
        engine.json("tag of image " + imageId.get(), "POST", "/images/" + imageId.get() + "/tag?repo="
                + Engine.q(repository) + "&tag=" + tag, null);
        return DockerImage.committed(imageId.get(), List.of(repository + ":" + tag));
    }

    private void removeImage(String imageId) throws InterruptedException {
        try {
            engine.json("removal of image " + imageId, "DELETE", "/images/" + imageId + "?force=true", null);
        } catch (DockerException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    private Artifact export(String container) throws InterruptedException, IOException {
        Path target = config.exportPath().toAbsolutePath();
        context.say("Exporting the container to " + target);
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        context.onCleanup("Deleting the partial export", () -> Files.deleteIfExists(partial));
        engine.call("export of container " + container, "GET", "/containers/" + container + "/export", Map.of(), null,
                (InputStream in) -> Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING));
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        return DockerImage.exported(target);
    }

    /** An image name as a Docker repository component: lower case, other characters as dashes. */
    static String repositoryName(String imageName) {
        String name = imageName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        return name.isEmpty() ? "image" : name;
    }

    private static List<String> tags(JsonNode image) {
        List<String> tags = new ArrayList<>();
        image.path("RepoTags").forEach(t -> {
            if (!t.asText().equals("<none>:<none>")) {
                tags.add(t.asText());
            }
        });
        return tags;
    }
}
