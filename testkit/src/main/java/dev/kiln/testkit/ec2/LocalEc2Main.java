package dev.kiln.testkit.ec2;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs LocalEc2 on its own, for tools that aren't Java (Packer, the AWS CLI, Terraform), and prints the endpoint,
 * region and dummy credentials to use.
 *
 * <pre>
 * java -cp kiln-testkit.jar:... dev.kiln.testkit.ec2.LocalEc2Main --port 4566 [--region us-east-1]
 *     [--data-dir ~/.kiln/local-ec2] [--ssh-port 2222] [--no-machines]
 * </pre>
 */
public final class LocalEc2Main {
    static final String USAGE = "usage: LocalEc2Main [--port N (default 4566, 0 = any free port)] [--region NAME]"
            + " [--data-dir DIR (default ~/.kiln/local-ec2)] [--ssh-port N] [--no-machines]";

    private LocalEc2Main() {
    }

    /** Starts a LocalEc2 with the options its usage line lists, and serves until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        LocalEc2 ec2;
        try {
            ec2 = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage()); // no sandbox for the machines: what to install
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ec2.close();
            stopped.countDown();
        }, "local-ec2-shutdown"));
        stopped.await();
    }

    /** Starts LocalEc2 as the arguments say and prints how to reach it. */
    static LocalEc2 start(String[] args, PrintStream out) {
        LocalEc2.Builder builder = LocalEc2.builder().port(4566)
                .dataDir(Path.of(System.getProperty("user.home"), ".kiln", "local-ec2")).localMachines();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--port" -> builder.port(number(option, value(args, ++i, option)));
                case "--region" -> builder.region(value(args, ++i, option));
                case "--data-dir" -> builder.dataDir(Path.of(value(args, ++i, option)));
                case "--ssh-port" -> builder.sshPort(number(option, value(args, ++i, option)));
                case "--no-machines" -> builder.machineHost(null);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        LocalEc2 ec2 = builder.start();
        out.println("LocalEc2 is running (stop it with Ctrl-C).");
        out.println("  endpoint:  " + ec2.endpoint());
        out.println("  region:    " + ec2.region());
        out.println("  ssh port:  " + ec2.sshPort() + " (on each instance's own 127.0.x.y address)");
        out.println("  data dir:  " + ec2.dataDir());
        out.println("Dummy credentials for any client:");
        ec2.clientEnvironment().forEach((name, value) -> out.println("  export " + name + "=" + value));
        out.println("  aws ec2 describe-images --owners amazon --endpoint-url " + ec2.endpoint());
        out.println("  Packer: \"custom_endpoint_ec2\": \"" + ec2.endpoint() + "\", \"skip_region_validation\": true, "
                + "\"ssh_port\": " + ec2.sshPort());
        return ec2;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
        }
    }
}
