package dev.kiln.cli;

import dev.kiln.aws.LocalPacker;
import dev.kiln.core.internal.FileTrees;
import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the distribution's class data sharing archive, {@code lib/kiln.jsa}, at package time: the distribution's own
 * {@code bin/kiln} (its launcher, class path and JVM, which the archive must match) builds a one-line template
 * against a LocalEc2 on loopback with local machines, so the JVM that dumps the archive at exit has loaded what a
 * one-shot {@code kiln build} loads: the template reader, the AWS SDK's EC2 client with its requests and responses,
 * the temporary key's generation, the SSH client, the shell provisioner. Nothing connects beyond 127.0.0.0/8.
 *
 * <p>An archive the distribution's JVM maps ({@code -Xshare:on} succeeds) is kept as it is. Without a sandbox for
 * the local machines no archive is made, and {@code bin/kiln} runs without one. {@code -Dkiln.classArchive.skip=true}
 * skips this step.
 *
 * <pre>
 * java -cp CLI_TEST_CLASSPATH dev.kiln.cli.ClassArchiveTraining cli/target/kiln-VERSION/kiln-VERSION
 * </pre>
 */
final class ClassArchiveTraining {
    private ClassArchiveTraining() {
    }

    /** Makes {@code lib/kiln.jsa} in the distribution directory {@code args[0]} unless a valid one is there. */
    public static void main(String[] args) throws Exception {
        Path distribution = Path.of(args[0]).toAbsolutePath();
        Path kiln = distribution.resolve("bin/kiln");
        Path archive = distribution.resolve("lib/kiln.jsa");
        Path work = Files.createTempDirectory("kiln-class-archive");
        try {
            if (mapped(kiln, archive, work)) {
                System.out.println("kiln class archive: " + archive + " is up to date");
                return;
            }
            Files.deleteIfExists(archive);
            LocalMachineHost host;
            try {
                host = LocalMachineHost.create(work.resolve("machines"));
            } catch (IllegalStateException e) {
                System.out.println("kiln class archive: not made, bin/kiln runs without one: " + e.getMessage());
                return;
            }
            try (host; LocalEc2 ec2 = LocalEc2.builder().machineHost(host).start()) {
                Files.writeString(work.resolve("template.json"),
                        LocalPacker.template(ec2, BaseImage.AMAZON_LINUX_2, "kiln-class-archive", "echo provisioned"));
                Map<String, String> env = new HashMap<>(ec2.clientEnvironment());
                env.put("KILN_JAVA_OPTS", "-XX:ArchiveClassesAtExit=" + archive);
                CommandRun build = CommandRun.of(work, env, List.of(kiln.toString(), "build", "template.json"));
                if (build.status() != 0 || !ec2.leaks().isEmpty()) {
                    throw new IllegalStateException("the training build of the class archive failed (leaks: "
                            + ec2.leaks() + "):\n" + build.output());
                }
            }
            if (!mapped(kiln, archive, work)) {
                throw new IllegalStateException("bin/kiln does not map the class archive it made: " + archive);
            }
            System.out.printf("kiln class archive: %s, %d MiB%n", archive, Files.size(archive) >> 20);
        } finally {
            FileTrees.deleteTree(work);
        }
    }

    /** Whether the archive is there and {@code bin/kiln version} runs with sharing required, i.e. maps it. */
    private static boolean mapped(Path kiln, Path archive, Path work) throws IOException, InterruptedException {
        return Files.exists(archive) && CommandRun.of(work, Map.of("KILN_JAVA_OPTS", "-Xshare:on"), List.of(kiln.toString(), "version"))
                .status() == 0;
    }
}
