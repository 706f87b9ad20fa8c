package dev.kiln.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.fake.EveryEventSpec;
import dev.kiln.core.fake.FakeBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a build with no listener leaves in an application's logs: its progress and failures at INFO and above
 * on {@code dev.kiln.build}, command output at DEBUG on {@code dev.kiln.build.output}, every secret masked.
 * slf4j-simple (test resources: everything under {@code dev.kiln} at DEBUG) writes to System.err, captured here.
 */
class BuildLoggingTest {
    private static final Pattern SIMPLE_LOGGER_LINE = Pattern.compile("^\\[[^\\]]+\\] (\\w+) (\\S+) - (.*)$");
    private static final String BUILD = "dev.kiln.build";
    private static final String OUTPUT = "dev.kiln.build.output";

    private String logged;
    private List<Line> lines;

    private record Line(String level, String logger, String message) {
    }

    @BeforeEach
    void buildWithNoListener() {
        Kiln kiln = Kiln.builder().clock(Clock.fixed(Instant.parse("2026-11-21T23:55:01Z"), ZoneOffset.UTC)).build();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            kiln.build(EveryEventSpec.create(FakeBuilder.newLog()));
        } finally {
            System.setErr(stderr);
        }
        logged = err.toString(StandardCharsets.UTF_8);
        lines = logged.lines().map(SIMPLE_LOGGER_LINE::matcher).filter(Matcher::matches)
                .map(m -> new Line(m.group(1), m.group(2), m.group(3))).toList();
    }

    @Test
    void stepStartsMessagesAndArtifactsAreInfo() {
        assertThat(lines).filteredOn(l -> l.message().startsWith("Build of image 'image' started (session "))
                .singleElement().extracting(Line::level, Line::logger).containsExactly("INFO", BUILD);
        assertThat(lines).contains(
                new Line("INFO", BUILD, "image/web: step 'launch' started"),
                new Line("INFO", BUILD, "image/web: step 'provisioner 1: shell' started"),
                new Line("INFO", BUILD, "image/web: Launching with token <sensitive>"),
                new Line("INFO", BUILD, "image/web: artifact local:img-web"),
                new Line("INFO", BUILD, "image/web: built after 0 seconds"));
    }

    @Test
    void aWarningIsLoggedOnceAtWarn() {
        assertThat(lines).filteredOn(l -> l.message().contains("is shared")).containsExactly(
                new Line("WARN", BUILD, "image/web: the token <sensitive> is shared"));
    }

    @Test
    void failuresAreWarnAndAFailedSourceIsErrorWithItsStackTrace() {
        assertThat(lines).contains(
                new Line("WARN", BUILD, "image/db: step 'capture' failed after 0 seconds: CreateImage failed for <sensitive>"),
                new Line("ERROR", BUILD, "image/db: failed after 0 seconds: CreateImage failed for <sensitive>"),
                new Line("WARN", BUILD, "image/web: cleanup 'delete security group' failed: DependencyViolation: group in use"),
                new Line("WARN", BUILD, "image/web: these resources were left behind and still exist: "
                        + "[security-group sg-web in local]"),
                new Line("WARN", BUILD, "Build of image 'image' failed after 0 seconds: sources [db] failed"));
        assertThat(logged).contains("ERROR dev.kiln.build - image/db: failed after 0 seconds: "
                + "CreateImage failed for <sensitive>\njava.lang.IllegalStateException: CreateImage failed for <sensitive>");
    }

    @Test
    void commandOutputDetailsAndSucceededStepsAreDebug() {
        assertThat(lines).filteredOn(l -> l.logger().equals(OUTPUT)).containsExactly(
                new Line("DEBUG", OUTPUT, "image/web STDOUT: hello <sensitive>"),
                new Line("DEBUG", OUTPUT, "image/web STDERR: warning: disk almost full"));
        assertThat(lines).contains(
                new Line("DEBUG", BUILD, "image/web: Instance ID: i-web"),
                new Line("DEBUG", BUILD, "image/web: step 'launch' succeeded after 0 seconds"),
                new Line("DEBUG", BUILD, "image/web: cleanup: terminate instance"));
        assertThat(lines).filteredOn(l -> l.message().contains("succeeded after")).extracting(Line::level)
                .containsOnly("DEBUG");
    }

    @Test
    void noLogLineShowsTheSecret() {
        assertThat(lines).hasSizeGreaterThan(20);
        assertThat(logged).contains("<sensitive>").doesNotContain(EveryEventSpec.TOKEN);
    }
}
