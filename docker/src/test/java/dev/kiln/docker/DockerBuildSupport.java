package dev.kiln.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.run.BuildEvent;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Real builds on the real daemon, with Packer-style console output captured per test. After each test no
 * container of a Kiln build may be left, and the images its builds made are removed (the daemon is the machine's
 * own: a test run leaves nothing in it).
 */
abstract class DockerBuildSupport {
    static DockerHost host;
    static String base;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<String> builtImages = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void daemon() throws Exception {
        host = DockerFixture.host();
        base = DockerFixture.baseImage();
    }

    @AfterEach
    void noContainerLeft() {
        System.out.print(output());
        assertThat(DockerCli.ok("ps", "-a", "-q", "--filter", "label=dev.kiln.temporary=true")).as(output()).isEmpty();
    }

    @AfterEach
    void removeBuiltImages() {
        builtImages.forEach(id -> DockerCli.run("rmi", "--force", id));
    }

    String output() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** A runner printing to this test's console, plus any extra listeners. */
    Kiln kiln(BuildListener... extra) {
        Kiln.Builder kiln = Kiln.builder().listener(new ConsoleListener(new PrintStream(console, true, StandardCharsets.UTF_8)))
                .listener(this::recordImage);
        for (BuildListener listener : extra) {
            kiln.listener(listener);
        }
        return kiln.build();
    }

    /** Listeners get artifacts wrapped for redaction, so the image is known by its id: sha256:..., not a path. */
    private void recordImage(BuildEvent event) {
        if (event instanceof BuildEvent.ArtifactProduced produced && produced.artifact().id().startsWith("sha256:")) {
            builtImages.add(produced.artifact().id());
        }
    }

    /** A docker source on the test daemon, from the local base image (no registry to pull from), committing. */
    static Docker.Builder docker() {
        return Docker.builder().host(host).image(base).pull(false).commit(true);
    }

    /** The containers of a session, running or not. */
    static String containersOf(String session) {
        return DockerCli.ok("ps", "-a", "-q", "--filter", "label=dev.kiln.session=" + session);
    }
}
