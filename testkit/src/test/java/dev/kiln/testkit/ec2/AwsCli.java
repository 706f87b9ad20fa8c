package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AWS CLI ({@code /usr/bin/aws}, not the pyenv shim on PATH) as an independent client of a LocalEc2: its
 * {@link LocalEc2#clientEnvironment()}, text output, and a home of its own so no user configuration leaks in.
 */
final class AwsCli {
    static final Path AWS = Path.of("/usr/bin/aws");

    private final LocalEc2 ec2;
    private final Path home;

    AwsCli(LocalEc2 ec2, Path home) {
        assertThat(AWS).as("the AWS CLI is needed: apt-get install awscli").isExecutable();
        this.ec2 = ec2;
        this.home = home;
    }

    /** What {@code aws ec2 args...} exited with and printed (stdout and stderr together). */
    record Result(int exit, String output) {
    }

    /** Runs {@code aws ec2 args...} and asserts it succeeds; its output, stripped. */
    String ok(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        assertThat(result.exit()).as("aws ec2 %s: %s", String.join(" ", args), result.output()).isZero();
        return result.output().strip();
    }

    /** Runs {@code aws ec2 args...} against the LocalEc2. */
    Result run(String... args) throws IOException, InterruptedException {
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
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
