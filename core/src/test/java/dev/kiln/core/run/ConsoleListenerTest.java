package dev.kiln.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.builder.Resource;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.fake.FakeArtifact;
import dev.kiln.core.run.BuildEvent.BuildFinished;
import dev.kiln.core.run.BuildEvent.Detail;
import dev.kiln.core.run.BuildEvent.Message;
import dev.kiln.core.run.BuildEvent.OutputLine;
import dev.kiln.core.run.BuildEvent.ResourcesLeftBehind;
import dev.kiln.core.run.BuildEvent.SourceFinished;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleListenerTest {
    private static final Instant NOW = Instant.parse("2026-11-21T23:55:01Z");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ConsoleListener console = new ConsoleListener(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static SourceResult result(String name, Outcome outcome, Duration duration, Throwable error) {
        return new SourceResult(name, outcome,
                outcome.succeeded() ? Optional.of(FakeArtifact.image("us-east-1:ami-0abc")) : Optional.empty(),
                Optional.ofNullable(error), List.of(), List.of(), List.of(), duration);
    }

    @Test
    void messagesDetailsAndOutputArePrefixedAsPackerDoes() {
        console.on(new Message(NOW, "image", "web", "Launching a source AWS instance..."));
        console.on(new Detail(NOW, "image", "web", "Instance ID: i-0abc"));
        console.on(new OutputLine(NOW, "image", "web", OutputStreamKind.STDERR,
                "Hit:1 http://archive.ubuntu.com jammy InRelease"));
        console.on(new Message(NOW, "image", "web", "two\nlines"));

        assertThat(printed()).isEqualTo("""
                ==> web: Launching a source AWS instance...
                    web: Instance ID: i-0abc
                    web: Hit:1 http://archive.ubuntu.com jammy InRelease
                ==> web: two
                ==> web: lines
                """);
    }

    @Test
    void theEndOfEachSourceAndOfTheBuildReadsAsPackers() {
        SourceResult web = result("web", Outcome.BUILT, Duration.ofSeconds(62), null);
        SourceResult db = result("db", Outcome.FAILED, Duration.ofMillis(1500),
                new IllegalStateException("Script exited with non-zero exit status: 1. Allowed exit codes are: [0]"));
        console.on(new SourceFinished(NOW, "image", web));
        console.on(new SourceFinished(NOW, "image", db));
        console.on(new BuildFinished(NOW, new BuildResult("image", "s", "f1", List.of(web, db), Duration.ofSeconds(63))));

        assertThat(printed()).isEqualTo("""
                Build 'web' finished after 1 minute 2 seconds.
                Build 'db' errored after 1 second 500 milliseconds: Script exited with non-zero exit status: 1. \
                Allowed exit codes are: [0]

                ==> Wait completed after 1 minute 3 seconds

                ==> Builds finished. The artifacts of successful builds are:
                --> web: Images were created:
                us-east-1:ami-0abc
                """);
    }

    @Test
    void aCancelledBuildAndResourcesLeftBehindAreSpelledOut() {
        SourceResult web = result("web", Outcome.CANCELLED, Duration.ofSeconds(3), new InterruptedException());
        console.on(new ResourcesLeftBehind(NOW, "image", "web", List.of(new Resource("instance", "i-0abc", "us-east-1"))));
        console.on(new SourceFinished(NOW, "image", web));
        console.on(new BuildFinished(NOW, new BuildResult("image", "s", "f1", List.of(web), Duration.ofSeconds(3))));

        assertThat(printed()).isEqualTo("""
                ==> web: These resources were left behind:
                ==> web:     instance i-0abc in us-east-1
                Build 'web' errored after 3 seconds: Build was cancelled.

                ==> Wait completed after 3 seconds
                Cleanly cancelled builds after being interrupted.

                ==> Builds finished but no artifacts were created.
                """);
    }
}
