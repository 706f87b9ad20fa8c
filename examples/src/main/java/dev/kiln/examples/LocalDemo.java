package dev.kiln.examples;

import dev.kiln.core.internal.FileTrees;
import dev.kiln.core.pipeline.ImageOutcome;
import dev.kiln.testkit.ec2.Leak;
import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.machine.LocalMachineHost;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The main job: {@link BaseAndSnowflake}'s chain built, tested and summarised on a LocalEc2 in this process,
 * whose instances are real SSH machines on loopback, and, when a Docker daemon answers, on Docker too: the same
 * provisioners bake each image's AMI and container image ({@link DockerTarget}). No AWS account, no registry, no
 * network beyond 127.0.0.0/8; the containers have none at all. Without Docker it builds the AMIs and says in one
 * line what to install or start.
 *
 * <p>LocalEc2 keeps its images in {@code ~/.kiln/demo/local-ec2} (the manifests go to {@code ~/.kiln/demo}), and
 * the daemon keeps the container images, so a second run finds the first run's AMIs and images and reuses them
 * all. {@code --reset} wipes the folder and removes the demo's container images first; {@code --data-dir DIR}
 * uses another folder.
 *
 * <pre>
 * ./demo                      # compiles with ./mvnw, then runs this class
 * ./demo --reset
 * </pre>
 *
 * <p>How it differs from the AWS run ({@code BaseAndSnowflake}): the local machines run the host's programs
 * over their own {@code /etc, /opt, /srv, /var, /home}, without package database, init system or internet,
 * so the scripts skip {@code apt-get} and {@code update-rc.d} there and say so; every file they write is real
 * and is checked by the image test.
 */
public final class LocalDemo {
    static final String USAGE = "usage: demo [--reset] [--data-dir DIR (default ~/.kiln/demo)]";

    private LocalDemo() {
    }

    /** The demo's folder unless {@code --data-dir} says otherwise. */
    static Path defaultDir() {
        return Path.of(System.getProperty("user.home"), ".kiln", "demo");
    }

    /** Runs the demo: {@code LocalDemo [--reset] [--data-dir DIR]}. */
    public static void main(String[] args) throws InterruptedException {
        Path dir = defaultDir();
        boolean reset = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reset" -> reset = true;
                case "--data-dir" -> {
                    if (++i == args.length) {
                        Args.exitWithUsage("--data-dir needs a directory", USAGE);
                    }
                    dir = Path.of(args[i]);
                }
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> Args.exitWithUsage("unknown option " + args[i], USAGE);
            }
        }
        boolean docker = DockerTarget.missing().isEmpty();
        if (reset) {
            System.out.println("==> Resetting " + dir + (docker ? " and the demo's container images" : ""));
            FileTrees.deleteTree(dir);
            if (docker) {
                DockerTarget.removeImages(DockerTarget.DEMO_BASE_IMAGE, BaseAndSnowflake.SNOWFLAKE,
                        BaseAndSnowflake.BASE);
            }
        }
        if (!run(dir, System.out)) {
            System.exit(1);
        }
    }

    /**
     * Starts LocalEc2 on {@code dir} and finds Docker, runs the chain, and stops LocalEc2; true when all went
     * well.
     */
    static boolean run(Path dir, PrintStream out) throws InterruptedException {
        try (CtrlC ctrlC = CtrlC.interruptsThisThread(out); Cloud cloud = start(dir)) {
            Optional<DockerTarget> docker = DockerTarget.ifAvailable(DockerTarget.DEMO_BASE_IMAGE, out);
            return run(cloud.ec2(), docker, dir, out).succeeded() && cloud.ec2().leaks().isEmpty();
        }
    }

    /**
     * The local cloud of the demo: sandboxed local machines and LocalEc2, closed together.
     *
     * @param machines the machines' host
     * @param ec2 the EC2 API whose instances they are
     */
    record Cloud(LocalMachineHost machines, LocalEc2 ec2) implements AutoCloseable {
        @Override
        public void close() {
            ec2.close();
            machines.close();
        }
    }

    /**
     * LocalEc2 whose instances are sandboxed local machines, its images kept in {@code dir/local-ec2}. Refuses to
     * start without a sandbox (as {@link LocalMachineHost} does), saying what to install: the scripts write to
     * {@code /etc, /srv, /opt}, which would then be this computer's own.
     */
    static Cloud start(Path dir) {
        Path data = dir.resolve("local-ec2");
        LocalMachineHost machines = LocalMachineHost.create(data.resolve("host"));
        return new Cloud(machines, LocalEc2.builder().machineHost(machines).dataDir(data).start());
    }

    /**
     * Runs the chain on a running LocalEc2 (and on {@code docker} when present) and says whether anything but AMIs
     * was left behind.
     */
    static ChainRun.Report run(LocalEc2 ec2, Optional<DockerTarget> docker, Path dir, PrintStream out)
            throws InterruptedException {
        out.println("==> Kiln demo: LocalEc2 at " + ec2.endpoint() + ", instances' SSH on port " + ec2.sshPort()
                + ", images in " + ec2.dataDir() + docker.map(d -> "; " + d).orElse(""));
        ChainRun.Report report = new ChainRun(Target.localEc2(ec2), docker, dir, out).run();
        List<Leak> leaks = ec2.leaks();
        if (leaks.isEmpty()) {
            out.println("LocalEc2: nothing left behind but the AMIs");
        } else {
            out.println("LocalEc2: LEFT BEHIND " + leaks);
        }
        if (!report.succeeded() || !leaks.isEmpty()) {
            out.println("\nDemo FAILED (see above).");
        } else if (report.pipeline().images().stream().allMatch(i -> i.outcome() == ImageOutcome.REUSED)) {
            out.println("\nDemo succeeded: both images were reused" + (docker.isPresent() ? ", AMIs and container images"
                    : "") + ", no instance" + (docker.isPresent() ? " or container" : "") + " was launched to build them.");
        } else {
            out.println("\nDemo succeeded. Run it again: with nothing changed, both images are reused.");
        }
        out.flush();
        return report;
    }

}
