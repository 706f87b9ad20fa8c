package dev.kiln.examples;

import dev.kiln.core.comm.Command;
import dev.kiln.core.comm.CommandResult;
import dev.kiln.core.comm.Communicator;
import dev.kiln.docker.DockerCommunicator;
import dev.kiln.ssh.SshCommunicator;
import dev.kiln.ssh.SshKeyPair;
import dev.kiln.ssh.SshKeys;
import dev.kiln.ssh.SshTarget;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/**
 * Kiln's image test phase, which Packer lacks: launches a fresh instance from a finished AMI through the EC2 API
 * (a key pair it imports, a security group it creates), logs in over SSH and runs each check, then terminates
 * the instance and deletes the group and key, whatever happened. Everything it creates carries Kiln's
 * {@code kiln:temporary} tags, so {@code AmazonEbsJanitor} removes what a killed test left.
 *
 * <p>A container image gets the same checks in a fresh container ({@link #runInContainer}): started with the
 * {@code docker} command, with no network and Kiln's {@code dev.kiln.temporary} labels (so {@code DockerJanitor}
 * removes what a killed test left), checked through the Engine API's exec, and removed whatever happened.
 *
 * <pre>{@code
 * ImageTest.Result result = new ImageTest(target, System.out).run("ami-0abc", "ubuntu", List.of(
 *         new ImageTest.Check("the site is there", "test -f /srv/www/index.html")));
 * ImageTest.Result same = new ImageTest(target, System.out).runInContainer(docker, "kiln/app:0123456789ab", checks);
 * }</pre>
 */
public final class ImageTest {
    private static final String SOURCE = "image-test";

    private final Target target;
    private final PrintStream out;

    /** A test phase on {@code target}, printing Packer-style lines to {@code out}. */
    public ImageTest(Target target, PrintStream out) {
        this.target = Objects.requireNonNull(target, "target");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * One check: a command run on the instance as the login user that must exit with status 0.
     *
     * @param description what it proves, e.g. {@code "the static site is in /srv/www"}
     * @param command the shell command
     */
    public record Check(String description, String command) {
        /** Neither text may be null. */
        public Check {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * How the test went.
     *
     * @param image the AMI or container image tested
     * @param machine the instance or container started from it
     * @param failures the checks that failed, with their output
     * @param checks how many checks ran
     */
    public record Result(String image, String machine, List<String> failures, int checks) {
        /** Copies {@code failures}. */
        public Result {
            failures = List.copyOf(failures);
        }

        /** True when every check passed. */
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Launches an instance of {@code amiId}, logs in as {@code user}, runs the checks and removes what it made. */
    public Result run(String amiId, String user, List<Check> checks) throws InterruptedException {
        String name = "kiln-image-test-" + UUID.randomUUID();
        Deque<Runnable> undo = new ArrayDeque<>();
        try (Ec2Client ec2 = target.ec2Client()) {
            try {
                SshKeyPair keys = SshKeys.generate();
                Instance instance = launch(ec2, amiId, name, keys, undo);
                String host = instance.publicIpAddress() != null ? instance.publicIpAddress()
                        : instance.privateIpAddress();
                SshTarget ssh = SshTarget.builder().host(host).port(target.sshPort()).user(user)
                        .privateKey(keys.privateKey())
                        .readyTimeout(target.localCloud() ? Duration.ofMinutes(1) : Duration.ofMinutes(5)).build();
                try (SshCommunicator machine = SshCommunicator.connect(ssh, this::detail)) {
                    say("Connected to SSH! Running " + checks.size() + " checks");
                    return check(amiId, instance.instanceId(), machine, checks);
                }
            } finally {
                undoAll(undo);
            }
        } finally {
            out.flush();
        }
    }

    /**
     * Starts a container of {@code image} with no network, runs the checks in it as the image's user, and removes
     * it.
     */
    public Result runInContainer(DockerTarget docker, String image, List<Check> checks) throws InterruptedException {
        String name = "kiln-image-test-" + UUID.randomUUID();
        try {
            say("Starting a container of " + image + " (no network)...");
            String container = HostCommand.ok("docker", "run", "--detach", "--interactive", "--network", "none",
                    "--name", name, "--label", "dev.kiln.temporary=true", "--label", "dev.kiln.session=" + name,
                    "--label", "dev.kiln.source=" + SOURCE, "--label", "dev.kiln.created=" + Instant.now(),
                    image, "/bin/sh");
            try (DockerCommunicator machine = DockerCommunicator.of(docker.host(), container, "")) {
                say("Running " + checks.size() + " checks in container " + container.substring(0, 12));
                return check(image, container, machine, checks);
            } finally {
                boolean interrupted = Thread.interrupted();
                say("Removing the test container...");
                HostCommand.ok("docker", "rm", "--force", container);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            out.flush();
        }
    }

    /** Runs every undo, newest first, even after an interrupt (which is set again afterwards). */
    private void undoAll(Deque<Runnable> undo) {
        boolean interrupted = Thread.interrupted();
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                say("Error cleaning up: " + e.getMessage());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Instance launch(Ec2Client ec2, String amiId, String name, SshKeyPair keys, Deque<Runnable> undo) {
        say("Importing temporary key pair: " + name);
        ec2.importKeyPair(r -> r.keyName(name).publicKeyMaterial(SdkBytes.fromUtf8String(keys.publicKeyLine()))
                .tagSpecifications(tags(ResourceType.KEY_PAIR, name)));
        undo.push(() -> {
            say("Deleting temporary key pair...");
            ec2.deleteKeyPair(r -> r.keyName(name));
        });

        say("Creating temporary security group: " + name);
        String groupId = ec2.createSecurityGroup(r -> r.groupName(name).description("Kiln image test: SSH in")
                .tagSpecifications(tags(ResourceType.SECURITY_GROUP, name))).groupId();
        undo.push(() -> {
            say("Deleting temporary security group...");
            ec2.deleteSecurityGroup(r -> r.groupId(groupId));
        });
        String cidr = target.sshSourceCidr();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(p -> p.ipProtocol("tcp")
                .fromPort(target.sshPort()).toPort(target.sshPort()).ipRanges(ip -> ip.cidrIp(cidr))));

        say("Launching an instance of " + amiId + "...");
        String instanceId = ec2.runInstances(r -> r.imageId(amiId).instanceType("t2.micro").minCount(1).maxCount(1)
                .keyName(name).securityGroupIds(groupId).tagSpecifications(tags(ResourceType.INSTANCE, name)))
                .instances().get(0).instanceId();
        undo.push(() -> {
            say("Terminating the test instance...");
            ec2.terminateInstances(r -> r.instanceIds(instanceId));
            try (Ec2Waiter waiter = waiter(ec2)) {
                waiter.waitUntilInstanceTerminated(r -> r.instanceIds(instanceId));
            }
        });
        say("Waiting for instance (" + instanceId + ") to become ready...");
        try (Ec2Waiter waiter = waiter(ec2)) {
            waiter.waitUntilInstanceRunning(r -> r.instanceIds(instanceId));
        }
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0);
    }

    /** The SDK's waiter, polling fast on LocalEc2 and every 5 s (up to 10 min) on AWS. */
    private Ec2Waiter waiter(Ec2Client ec2) {
        Duration poll = target.localCloud() ? Duration.ofMillis(200) : Duration.ofSeconds(5);
        Duration max = target.localCloud() ? Duration.ofMinutes(2) : Duration.ofMinutes(10);
        return Ec2Waiter.builder().client(ec2).overrideConfiguration(o -> o.waitTimeout(max)
                .maxAttempts((int) (max.toMillis() / poll.toMillis()))
                .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(poll))).build();
    }

    /** Runs each check on {@code machine}, a started instance or container of {@code image}. */
    private Result check(String image, String machineId, Communicator machine, List<Check> checks)
            throws InterruptedException {
        List<String> failures = new ArrayList<>();
        for (Check check : checks) {
            List<String> output = new ArrayList<>();
            CommandResult result = machine.execute(Command.of(check.command()), (stream, line) -> output.add(line));
            if (result.succeeded()) {
                detail("ok      " + check.description() + (output.isEmpty() ? "" : ": " + String.join(" / ", output)));
            } else {
                detail("FAILED  " + check.description() + " (`" + check.command() + "` exited with "
                        + result.exitStatus() + ")" + (output.isEmpty() ? "" : ": " + String.join(" / ", output)));
                failures.add(check.description() + ": `" + check.command() + "` exited with " + result.exitStatus());
            }
        }
        say(failures.isEmpty() ? "Image test passed: " + checks.size() + " of " + checks.size() + " checks"
                : "Image test FAILED: " + failures.size() + " of " + checks.size() + " checks failed");
        return new Result(image, machineId, failures, checks.size());
    }

    private static TagSpecification tags(ResourceType type, String name) {
        return TagSpecification.builder().resourceType(type).tags(tag("Name", name), tag("kiln:temporary", "true"),
                tag("kiln:session", name), tag("kiln:source", SOURCE), tag("kiln:created", Instant.now().toString()))
                .build();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private void say(String message) {
        out.println("==> " + SOURCE + ": " + message);
    }

    private void detail(String message) {
        out.println("    " + SOURCE + ": " + message);
    }
}
