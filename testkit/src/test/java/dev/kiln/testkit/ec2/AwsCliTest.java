package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI (/usr/bin/aws, not the pyenv shim on PATH) gets the expected answers from LocalEc2. */
class AwsCliTest {
    static LocalEc2 ec2;
    static AwsCli cli;
    @TempDir
    static Path home;

    @BeforeAll
    static void start() {
        ec2 = LocalEc2.builder().machineHost(new FakeMachineHost()).start();
        cli = new AwsCli(ec2, home);
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
        AwsCli.Result missing = cli.run("describe-images", "--image-ids", "ami-00000000000000000");
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
        return cli.ok(args);
    }
}
