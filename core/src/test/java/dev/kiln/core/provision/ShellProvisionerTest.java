package dev.kiln.core.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.Secret;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.CommandTimeoutException;
import dev.kiln.core.comm.CommunicatorException;
import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.fake.Background;
import dev.kiln.core.fake.FakeCommunicator;
import dev.kiln.core.fake.RecordingContext;
import dev.kiln.core.spec.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellProvisionerTest {
    private final RecordingContext context = new RecordingContext();
    private final FakeCommunicator communicator = new FakeCommunicator();

    @TempDir
    Path dir;

    @Test
    void inlineLinesRunAsOneScriptWithTheDefaultCommandAndSortedQuotedVariables() throws Exception {
        Provisioners.shell().inline("echo hi", "uname -a").env("SITE", "a b").env("TOKEN", Secret.of("t'k"))
                .build().provision(context, communicator);

        String path = communicator.uploadedPaths.get(0);
        assertThat(path).matches("/tmp/script_[0-9a-f-]{36}\\.sh");
        assertThat(new String(communicator.uploads.get(path), StandardCharsets.UTF_8))
                .isEqualTo("#!/bin/sh -e\necho hi\nuname -a\n");
        assertThat(communicator.commands).containsExactly(
                "chmod +x " + path + "; KILN_BUILDER_TYPE='fake' KILN_BUILD_NAME='web' PACKER_BUILDER_TYPE='fake' "
                        + "PACKER_BUILD_NAME='web' SITE='a b' TOKEN='t'\\''k' " + path,
                "rm -f '" + path + "'");
        assertThat(context.said).containsExactly("Provisioning with shell script: inline script");
        assertThat(context.redacted).containsExactly(Secret.of("t'k"));
    }

    @Test
    void scriptsRunInOrderFromTheirBytesWithTheTemplateShebangAndFolderGiven() throws Exception {
        Path first = Files.writeString(dir.resolve("first.sh"), "#!/bin/bash\necho 1\n");
        Path second = Files.writeString(dir.resolve("second.sh"), "#!/bin/bash\necho 2\n");

        Provisioners.shell().scripts(first, second).remoteFolder("/var/tmp/")
                .executeCommand("sudo -E sh -c '{{.Vars}} {{.Path}}'").skipClean(true)
                .build().provision(context, communicator);

        assertThat(communicator.uploadedPaths).hasSize(2).allMatch(p -> p.startsWith("/var/tmp/script_"));
        assertThat(communicator.uploads.values()).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("#!/bin/bash\necho 1\n", "#!/bin/bash\necho 2\n");
        assertThat(communicator.commands).hasSize(2).allMatch(c -> c.startsWith("sudo -E sh -c 'KILN_BUILDER_TYPE="));
        assertThat(context.said).containsExactly("Provisioning with shell script: " + first,
                "Provisioning with shell script: " + second);
    }

    @Test
    void aDisallowedExitStatusFailsWithPackersMessageTheScriptNameAndTheLastTwentyLines() {
        communicator.behave((command, output) -> {
            for (int i = 1; i <= 25; i++) {
                output.line(i % 2 == 0 ? OutputStreamKind.STDERR : OutputStreamKind.STDOUT, "line " + i);
            }
            return CommandResult.exited(2);
        });
        ShellProvisioner shell = Provisioners.shell().inline("make").build();

        assertThatThrownBy(() -> shell.provision(context, communicator))
                .isInstanceOf(ProvisionerException.class)
                .hasMessageStartingWith("Script exited with non-zero exit status: 2. Allowed exit codes are: [0]\n"
                        + "Script: inline script\nLast 20 lines of output:\n    line 6\n")
                .hasMessageEndingWith("    line 24\n    line 25")
                .message().doesNotContain("line 5\n");
        assertThat(context.output).hasSize(25);
        assertThat(communicator.commands).noneMatch(c -> c.startsWith("rm "));
    }

    @Test
    void validExitCodesAreAllowedAndListedAsPackerListsThem() throws Exception {
        communicator.behave((command, output) -> CommandResult.exited(command.line().startsWith("rm") ? 0 : 2));
        Provisioners.shell().inline("true").validExitCodes(0, 2).build().provision(context, communicator);

        communicator.behave((command, output) -> CommandResult.exited(3));
        assertThatThrownBy(() -> Provisioners.shell().inline("true").validExitCodes(0, 2).build()
                .provision(context, communicator))
                .hasMessageStartingWith("Script exited with non-zero exit status: 3. Allowed exit codes are: [0 2]");
    }

    @Test
    void aLostConnectionIsAcceptedOnlyWhenExpected() throws Exception {
        communicator.behave((command, output) ->
                command.line().startsWith("rm") ? CommandResult.exited(0) : CommandResult.lostConnection());

        Provisioners.shell().inline("reboot").expectDisconnect(true).build().provision(context, communicator);
        assertThat(communicator.commands).last().asString().startsWith("rm -f ");

        assertThatThrownBy(() -> Provisioners.shell().inline("reboot").build().provision(context, communicator))
                .isInstanceOf(ProvisionerException.class)
                .hasMessageStartingWith("Script disconnected unexpectedly. If it restarts the machine, set "
                        + "expectDisconnect(true) on the shell provisioner.\nScript: inline script");
    }

    @Test
    void afterAnExpectedDisconnectTheScriptIsRemovedOnceTheMachineIsBack() throws Exception {
        AtomicInteger removeAttempts = new AtomicInteger();
        communicator.behave((command, output) -> {
            if (!command.line().startsWith("rm")) {
                return CommandResult.lostConnection();
            }
            if (removeAttempts.incrementAndGet() <= 2) {
                throw new CommunicatorException("connection refused: rebooting");
            }
            return CommandResult.exited(0);
        });

        Provisioners.shell().inline("reboot").expectDisconnect(true).build().provision(context, communicator);

        assertThat(removeAttempts).hasValue(3);
        assertThat(context.details).containsExactly("The script disconnected, as expected",
                "Could not remove " + communicator.uploadedPaths.get(0) + " (connection refused: rebooting); retrying",
                "Could not remove " + communicator.uploadedPaths.get(0) + " (connection refused: rebooting); retrying");
    }

    @Test
    void startingIsRetriedWhileTheMachineCannotBeReached() throws Exception {
        communicator.unreachableFor(2);

        Provisioners.shell().inline("echo back").build().provision(context, communicator);

        assertThat(context.details).hasSize(2)
                .allMatch(d -> d.equals("Could not start inline script (connection refused); retrying"));
        assertThat(communicator.uploadedPaths).hasSize(1);
        assertThat(communicator.commands).hasSize(2);
    }

    @Test
    void startingGivesUpAtTheStartRetryTimeout() {
        communicator.unreachableFor(Integer.MAX_VALUE);
        ShellProvisioner shell = Provisioners.shell().inline("echo").startRetryTimeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> shell.provision(context, communicator))
                .isInstanceOf(ProvisionerException.class)
                .hasMessage("Could not start inline script within the start retry timeout of PT0.3S: connection refused")
                .hasCauseInstanceOf(CommunicatorException.class);
        assertThat(communicator.commands).isEmpty();
    }

    @Test
    void anInterruptEndsTheStartRetryAtOnce() throws Exception {
        communicator.unreachableFor(Integer.MAX_VALUE);
        ShellProvisioner shell = Provisioners.shell().inline("echo").build();
        Background worker = Background.start(() -> shell.provision(context, communicator));
        assertThat(Background.awaitTrue(() -> !context.details.isEmpty())).as("the first attempt failed").isTrue();

        worker.thread.interrupt();

        assertThat(worker.thrown()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aCommandThatTimedOutIsNotRetried() {
        communicator.behave((command, output) -> {
            throw new CommandTimeoutException(command.line(), Duration.ofSeconds(1));
        });

        assertThatThrownBy(() -> Provisioners.shell().inline("sleep 9").build().provision(context, communicator))
                .isInstanceOf(CommandTimeoutException.class);
        assertThat(communicator.commands).hasSize(1);
    }

    @Test
    void validationFindsEveryProblem() {
        ShellProvisioner shell = Provisioners.shell().inline("true").scripts(dir.resolve("nope.sh"))
                .env("1BAD", "x").executeCommand("{{.Vars}} {{.Script}}").inlineShebang(" ")
                .remoteFolder("").validExitCodes().startRetryTimeout(Duration.ofSeconds(-1)).build();

        assertThat(shell.validate()).extracting(Problem::field).containsExactly("inline", "scripts[0]", "env[1BAD]",
                "executeCommand", "executeCommand", "inlineShebang", "remoteFolder", "validExitCodes",
                "startRetryTimeout");
        assertThat(Provisioners.shell().inline("true").build().validate()).isEmpty();
    }
}
