package dev.kiln.aws;

import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import java.net.URI;

/**
 * A build in its own JVM, for the janitor test to kill with SIGKILL mid-build.
 * Arguments: endpoint, access key id, secret key, SSH port, shell command to provision with.
 */
public final class KilledBuildMain {
    private KilledBuildMain() {
    }

    public static void main(String[] args) {
        AmazonEbs ebs = LocalEc2Fixture.seedBuild(URI.create(args[0]), args[1], args[2], Integer.parseInt(args[3]),
                "kiln-killed-" + System.nanoTime()).build();
        ImageSpec spec = ImageSpec.builder("killed").source(ebs)
                .provision(Provisioners.shell().inline(args[4]).build()).build();
        Kiln.builder().listener(new ConsoleListener(System.out)).build().build(spec);
    }
}
