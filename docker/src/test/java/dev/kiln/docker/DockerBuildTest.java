package dev.kiln.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.core.Secret;
import dev.kiln.core.post.PostProcessors;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.spec.ImageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end to end: shell and file provisioners on the Docker communicator, changes applied, then tag and
 * push to a local registry with credentials, pull it back and run it with its CMD.
 */
class DockerBuildTest extends DockerBuildSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void provisionCommitTagPushPullAndRun(@TempDir Path tmp) throws Exception {
        String password = "reg-pass-" + System.nanoTime();
        String token = "token-" + System.nanoTime();
        Path files = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(files.resolve("index.html"), "<h1>Hello from Kiln</h1>\n");
        Path manifest = tmp.resolve("manifest.json");
        try (LocalRegistry registry = LocalRegistry.start(password)) {
            String repository = registry.address() + "/kiln/web";
            RegistryLogin login = RegistryLogin.of(registry.address(), LocalRegistry.USER, Secret.of(password));
            ImageSpec spec = ImageSpec.builder("web")
                    .source(docker().author("Kiln Tests <tests@kiln.dev>").message("built by a test")
                            .changes("CMD [\"cat\", \"/srv/motd\", \"/srv/site/index.html\"]", "ENV GREETING=hello",
                                    "EXPOSE 8080", "LABEL team=web", "USER app", "WORKDIR /srv", "VOLUME /data",
                                    "ONBUILD RUN echo child"))
                    .provision(Provisioners.shell().env("TOKEN", Secret.of(token))
                            .inline("echo \"provisioned by kiln as $(id -u)\" > /srv/motd", "echo \"token $TOKEN\"").build())
                    .provision(Provisioners.file().source(files.toString()).destination("/srv").build())
                    .postProcess(DockerPostProcessors.tag(repository).host(host).tags("1.0"))
                    .postProcess(DockerPostProcessors.push(repository).host(host).tags("1.0").login(login))
                    .postProcess(PostProcessors.manifest(manifest))
                    .build();

            BuildResult result = kiln().build(spec);

            assertThat(result.succeeded()).as(output()).isTrue();
            DockerImage image = (DockerImage) result.artifact("docker").orElseThrow();
            assertThat(image.imageId()).startsWith("sha256:");
            assertThat(containersOf(result.sessionId())).isEmpty();
            assertThat(output()).doesNotContain(password).doesNotContain(token).contains("token <sensitive>");

            JsonNode inspect = JSON.readTree(DockerCli.ok("image", "inspect", image.imageId())).get(0);
            JsonNode config = inspect.get("Config");
            assertThat(config.get("Cmd").toString()).isEqualTo("[\"cat\",\"/srv/motd\",\"/srv/site/index.html\"]");
            assertThat(config.get("Entrypoint").size()).as("no entrypoint: the base image had none").isZero();
            assertThat(config.get("Env").toString()).contains("GREETING=hello");
            assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
            assertThat(config.get("Labels").get("team").asText()).isEqualTo("web");
            assertThat(config.get("Labels").get("dev.kiln.fingerprint").asText()).isEqualTo(result.fingerprint());
            assertThat(config.get("Labels").get("dev.kiln.temporary").asText()).isEqualTo("false");
            assertThat(config.get("User").asText()).isEqualTo("app");
            assertThat(config.get("WorkingDir").asText()).isEqualTo("/srv");
            assertThat(config.get("Volumes").has("/data")).isTrue();
            assertThat(config.get("OnBuild").toString()).contains("RUN echo child");
            assertThat(inspect.get("Author").asText()).isEqualTo("Kiln Tests <tests@kiln.dev>");
            assertThat(inspect.get("Comment").asText()).isEqualTo("built by a test");
            assertThat(inspect.get("RepoTags").toString()).contains(repository + ":1.0");

            JsonNode entry = JSON.readTree(Files.readString(manifest)).get("builds").get(0);
            assertThat(entry.get("builder_type").asText()).isEqualTo("docker");
            assertThat(entry.get("artifact_id").asText()).isEqualTo(image.imageId());
            assertThat(entry.get("packer_run_uuid").asText()).isEqualTo(result.sessionId());

            Path cliConfig = Files.createDirectories(tmp.resolve("cli"));
            DockerCli.ok("rmi", repository + ":1.0");
            assertThat(DockerCli.run("--config", cliConfig.toString(), "pull", repository + ":1.0").exitStatus())
                    .as("a pull without credentials").isNotZero();
            Process loginCli = new ProcessBuilder("docker", "--config", cliConfig.toString(), "login", "--username",
                    LocalRegistry.USER, "--password-stdin", registry.address()).start();
            loginCli.getOutputStream().write(password.getBytes());
            loginCli.getOutputStream().close();
            assertThat(loginCli.waitFor()).isZero();
            DockerCli.ok("--config", cliConfig.toString(), "pull", repository + ":1.0");

            String run = DockerCli.ok("run", "--rm", "--network", "none", repository + ":1.0");

            assertThat(run).isEqualTo("provisioned by kiln as 0\n<h1>Hello from Kiln</h1>");
            DockerCli.ok("rmi", repository + ":1.0");
        }
    }
}
