package dev.kiln.docker;

import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.spec.ImageSpec;
import java.nio.file.Path;

/**
 * A build the janitor test kills with SIGKILL: its provisioner prints a marker, then sleeps. Arguments: the
 * daemon's socket, the base image, the source's name.
 */
public final class KilledBuildMain {
    private KilledBuildMain() {
    }

    /** Runs the build until killed. */
    public static void main(String[] args) {
        ImageSpec spec = ImageSpec.builder("killed")
                .source(Docker.builder().host(DockerHost.unixSocket(Path.of(args[0]))).image(args[1]).pull(false)
                        .commit(true).name(args[2]))
                .provision(Provisioners.shell().inline("echo provisioning-now", "sleep 600").build())
                .build();
        Kiln.builder().listener(new ConsoleListener(System.out)).build().build(spec);
    }
}
