package dev.kiln.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.Secret;
import dev.kiln.core.spec.Problem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation collects every problem, naming the field and the fix, before any call to the daemon. */
class DockerValidationTest {
    private static final DockerHost NOWHERE = DockerHost.unixSocket(Path.of("/nonexistent/docker.sock"));

    @Test
    void aGoodConfigurationHasNoProblem() {
        assertThat(Docker.builder().host(NOWHERE).image("debian:bookworm").commit(true).changes("CMD [\"sh\"]")
                .build().validate()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Docker docker = Docker.builder().host(NOWHERE).name(" ").commit(true).discard(true)
                .changes("RUN apt-get update", "CMD").runCommand().volume("cache", "/cache").capAdd("NET ADMIN")
                .networkMode("").login(RegistryLogin.of("", "", Secret.of(""))).pull(false).skipIfExists(true)
                .build();

        List<String> fields = docker.validate().stream().map(Problem::field).toList();

        assertThat(fields).containsExactly("name", "image", "commit", "changes", "changes", "runCommand",
                "volumes[cache]", "capAdd", "networkMode", "login.server", "login.username", "login.password", "login");
        assertThat(docker.validate()).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
    }

    @Test
    void theOutcomeMustBeChosenAndSkipIfExistsNeedsACommit() {
        List<Problem> none = Docker.builder().host(NOWHERE).image("busybox").skipIfExists(true).build().validate();

        assertThat(none).extracting(Problem::toString).containsExactly(
                "commit: commit, exportPath and discard are all unset (fix: choose one: commit(true), "
                        + "exportPath(Path.of(\"image.tar\")) or discard(true))",
                "skipIfExists: is set but the container is not committed (fix: set commit(true); an export or a "
                        + "discarded container leaves no image to find)");
    }

    @Test
    void aDockerHostThatIsNoUnixSocketIsNamed() {
        DockerHost tcp = DockerHost.fromValue("tcp://127.0.0.1:2375");

        assertThat(Docker.builder().host(tcp).image("busybox").commit(true).build().validate())
                .extracting(Problem::field).containsExactly("host");
    }

    @Test
    void secretsStayOutOfToString() {
        RegistryLogin login = RegistryLogin.of("127.0.0.1:5000", "ci", Secret.of("hunter2"));

        assertThat(Docker.builder().image("busybox").login(login).build().toString()).doesNotContain("hunter2");
    }

    @Test
    void postProcessorsCheckNamesAndTags() {
        assertThat(DockerPostProcessors.tag("Bad Repo").tags("1.0", "-x").build().validate())
                .extracting(Problem::field).containsExactly("repository", "tags");
        assertThat(DockerPostProcessors.push("127.0.0.1:5000/web").build().validate()).isEmpty();
    }
}
