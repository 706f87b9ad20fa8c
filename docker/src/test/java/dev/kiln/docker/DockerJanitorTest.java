package dev.kiln.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.builder.JanitorReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A build's JVM killed with SIGKILL leaves its container; the janitor finds and removes it. */
class DockerJanitorTest extends DockerBuildSupport {

    @Test
    void theJanitorRemovesTheContainerOfAKilledBuild() throws Exception {
        String source = "killed-" + System.nanoTime();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledBuildMain.class.getName(), host.socket().toString(), base, source)
                .redirectErrorStream(true).start();
        StringBuilder childOutput = new StringBuilder();
        boolean seen = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                childOutput.append(line).append('\n');
                if (line.contains("provisioning-now")) {
                    seen = true;
                    break;
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen).as("the child build provisioned before it was killed:\n%s", childOutput).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        String session = DockerCli.ok("ps", "-a", "--filter", "label=dev.kiln.source=" + source, "--format",
                "{{.Label \"dev.kiln.session\"}}");
        assertThat(session).as("the killed build's container is left").isNotEmpty();

        JanitorReport dryRun = DockerJanitor.builder().host(host).session(session).olderThan(Duration.ZERO)
                .dryRun(true).build().run();
        JanitorReport young = DockerJanitor.builder().host(host).session(session).olderThan(Duration.ofHours(1))
                .build().run();
        JanitorReport report = DockerJanitor.builder().host(host).session(session).olderThan(Duration.ZERO)
                .build().run();

        assertThat(dryRun.items()).extracting(JanitorReport.Item::action)
                .containsExactly(JanitorReport.Action.WOULD_DELETE);
        assertThat(young.items()).isEmpty();
        assertThat(report.items()).extracting(i -> i.resource().type() + " " + i.action())
                .containsExactly("container DELETED");
        assertThat(containersOf(session)).isEmpty();
    }
}
