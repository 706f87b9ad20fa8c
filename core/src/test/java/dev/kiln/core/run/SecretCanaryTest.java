package dev.kiln.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.core.Secret;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.fake.FakeBuilder;
import dev.kiln.core.fake.ScriptedProvisioner;
import dev.kiln.core.provision.Provisioner;
import dev.kiln.core.provision.ProvisionerException;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.spec.ImageSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sends two canary secrets (a sensitive spec variable and a shell environment Secret) through a failing
 * build in every way they can leak, and searches every output for them.
 */
class SecretCanaryTest {
    private static final String PASSWORD = "canary-pw-5b1e9d";
    private static final String TOKEN = "canary-tok-77c3a0";

    /** Says and throws the canaries: the secret's value reaches its message and its cause's. */
    private static Provisioner leaky() {
        return new ScriptedProvisioner((context, attempt) -> {
            context.say("logging in with " + PASSWORD);
            context.detail("token " + TOKEN);
            throw new IllegalStateException("login failed for " + PASSWORD,
                    new IOException("token " + TOKEN + " was rejected"));
        });
    }

    private static FakeBuilder echoing(String name, List<String> log, int exitStatus) {
        FakeBuilder source = FakeBuilder.named(name, log).onLaunch(context -> {
            context.say("connecting with " + PASSWORD);
            context.onCleanup("revoke token", () -> {
                throw new IllegalStateException("could not revoke " + TOKEN);
            });
        });
        source.communicator().behave((command, output) -> {
            output.line(OutputStreamKind.STDOUT, "running " + command.line());
            output.line(OutputStreamKind.STDERR, "db password is " + PASSWORD);
            return CommandResult.exited(command.line().startsWith("rm") ? 0 : exitStatus);
        });
        return source;
    }

    @Test
    void noCanaryReachesTheConsoleJsonLinesLogsOrTheResult() throws Exception {
        List<String> log = FakeBuilder.newLog();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        ImageSpec spec = ImageSpec.builder("image")
                .source(echoing("web", log, 0))
                .source(echoing("db", log, 1))
                .provision(Provisioners.shell().inline("echo $API_TOKEN").env("API_TOKEN", Secret.of(TOKEN)).build())
                .provision(leaky())
                .sensitiveVariable("db_password", Secret.of(PASSWORD))
                .build();
        Kiln kiln = Kiln.builder()
                .listener(new ConsoleListener(new PrintStream(console, true, StandardCharsets.UTF_8)))
                .listener(new JsonLinesListener(new PrintStream(json, true, StandardCharsets.UTF_8)))
                .build();

        BuildResult result;
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            result = kiln.build(spec);
        } finally {
            System.setErr(stderr);
        }

        assertThat(result.sources()).extracting(SourceResult::outcome).containsExactly(Outcome.FAILED, Outcome.FAILED);
        Throwable webError = result.source("web").orElseThrow().error().orElseThrow();
        assertThat(webError).isExactlyInstanceOf(IllegalStateException.class).hasMessage("login failed for <sensitive>")
                .hasCauseInstanceOf(IOException.class);
        assertThat(webError.getStackTrace()[0].getClassName()).startsWith(SecretCanaryTest.class.getName());
        Throwable dbError = result.source("db").orElseThrow().error().orElseThrow();
        assertThat(dbError).isExactlyInstanceOf(ProvisionerException.class)
                .hasMessageStartingWith("Script exited with non-zero exit status: 1.")
                .hasMessageContaining("db password is <sensitive>");
        assertThat(((ProvisionerException) dbError).exitStatus()).hasValue(1);
        assertThat(((ProvisionerException) dbError).outputTail()).contains("db password is <sensitive>");

        String everything = String.join("\n", console.toString(StandardCharsets.UTF_8),
                json.toString(StandardCharsets.UTF_8), logs.toString(StandardCharsets.UTF_8), result.toString(),
                stackTraces(result));
        assertThat(everything).doesNotContain(PASSWORD).doesNotContain(TOKEN);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("==> web: connecting with <sensitive>", "    web: db password is <sensitive>",
                        "API_TOKEN='<sensitive>'", "Build 'web' errored after", "login failed for <sensitive>");
        assertThat(logs.toString(StandardCharsets.UTF_8)).as("the runner's SLF4J debug log was captured")
                .contains("web: connecting with <sensitive>", "db STDERR: db password is <sensitive>");
        for (String line : json.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode event = new ObjectMapper().readTree(line);
            assertThat(event.hasNonNull("type")).isTrue();
            assertThat(event.hasNonNull("time")).isTrue();
        }
    }

    private static String stackTraces(BuildResult result) {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        for (SourceResult source : result.sources()) {
            source.error().ifPresent(e -> e.printStackTrace(writer));
            source.cleanupFailures().forEach(f -> f.error().printStackTrace(writer));
        }
        writer.flush();
        assertThat(out.toString()).contains("could not revoke <sensitive>");
        return out.toString();
    }
}
