package dev.kiln.core.provision;

/**
 * Starts the built-in provisioners, each as its own typed builder.
 *
 * <pre>{@code
 * spec.provision(Provisioners.shell().inline("apt-get update"))
 *     .provision(Provisioners.file().source("site/").destination("/var/www"));
 * ShellProvisioner reused = Provisioners.shell().inline("yum update -y").build();
 * }</pre>
 */
public final class Provisioners {
    private Provisioners() {
    }

    /** A shell provisioner: inline lines or local scripts run on the machine. */
    public static ShellProvisioner.Builder shell() {
        return ShellProvisioner.builder();
    }

    /** A file provisioner: uploads or downloads files and directories. */
    public static FileProvisioner.Builder file() {
        return FileProvisioner.builder();
    }
}
