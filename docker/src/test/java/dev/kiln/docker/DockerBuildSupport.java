package dev.kiln.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Real builds on the real daemon, with Packer-style console output captured per test. After each test no
 * container of a Kiln build may be left.
 */
abstract class DockerBuildSupport {
    static DockerHost host;
    static String base;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

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

    String output() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** A runner printing to this test's console, plus any extra listeners. */
    Kiln kiln(BuildListener... extra) {
        Kiln.Builder kiln = Kiln.builder().listener(new ConsoleListener(new PrintStream(console, true, StandardCharsets.UTF_8)));
        for (BuildListener listener : extra) {
            kiln.listener(listener);
        }
        return kiln.build();
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
