package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI (/usr/bin/aws, not the pyenv shim on PATH) gets the expected answers from LocalEc2. */
class AwsCliTest {
    private static final Path AWS = Path.of("/usr/bin/aws");
    static LocalEc2 ec2;
    @TempDir
    static Path home;

    @BeforeAll
    static void start() {
        assertThat(AWS).as("the AWS CLI is needed: apt-get install awscli").isExecutable();
        ec2 = LocalEc2.builder().machineHost(new FakeMachineHost()).start();
    }

    @AfterAll
    static void stop() {
        ec2.close();
    }

    @Test
    void describesRunsImagesAndTerminatesLikeEc2() throws Exception {
        assertThat(aws("describe-images", "--owners", "amazon", "--filters", "Name=name,Values=amzn2-ami-hvm-*",
                "--query", "Images[].[ImageId,Name,State]"))
                .isEqualTo("ami-0e6d2e8684d4ccb3e\tamzn2-ami-hvm-2.0.20181008-x86_64-gp2\tavailable");

        String instanceId = aws("run-instances", "--image-id", "ami-0e6d2e8684d4ccb3e", "--instance-type", "t2.micro",
                "--count", "1", "--tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value=cli}]",
                "--query", "Instances[0].InstanceId");
        assertThat(instanceId).matches("i-[0-9a-f]{17}");
        awaitState(instanceId, "running");
        assertThat(aws("describe-instances", "--instance-ids", instanceId,
                "--query", "Reservations[0].Instances[0].[PublicIpAddress,Tags[0].Value]"))
                .matches("127\\.0\\.\\d+\\.\\d+\tcli");

        String imageId = aws("create-image", "--instance-id", instanceId, "--name", "cli-image", "--query", "ImageId");
        assertThat(imageId).matches("ami-[0-9a-f]{17}");
        assertThat(aws("describe-images", "--owners", "self", "--query", "Images[].[ImageId,Name]"))
                .isEqualTo(imageId + "\tcli-image");

        assertThat(aws("terminate-instances", "--instance-ids", instanceId,
                "--query", "TerminatingInstances[0].[PreviousState.Name,CurrentState.Name]"))
                .isEqualTo("running\tshutting-down");
        awaitState(instanceId, "terminated");
    }

    @Test
    void reportsEc2ErrorCodes() throws Exception {
        CliResult missing = run("describe-images", "--image-ids", "ami-00000000000000000");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.output()).contains("InvalidAMIID.NotFound");
    }

    private static void awaitState(String instanceId, String state) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String current = "";
        while (Instant.now().isBefore(deadline)) {
            current = aws("describe-instances", "--instance-ids", instanceId,
                    "--query", "Reservations[0].Instances[0].State.Name");
            if (current.equals(state)) {
                return;
            }
        }
        throw new AssertionError(instanceId + " did not reach " + state + " in 30 s; it is " + current);
    }

    private static String aws(String... args) throws Exception {
        CliResult result = run(args);
        assertThat(result.exit()).as("aws ec2 %s: %s", String.join(" ", args), result.output()).isZero();
        return result.output().strip();
    }

    record CliResult(int exit, String output) {
    }

    private static CliResult run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "ec2"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", ec2.endpoint().toString(), "--output", "text"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.putAll(ec2.clientEnvironment());
        env.put("AWS_PAGER", "");
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("HOME", home.toString());
        Process process = pb.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new CliResult(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
